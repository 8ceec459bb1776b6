CREATE TABLE `refund` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`sale_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`payment_method` text NOT NULL,
	`reason` text NOT NULL,
	`ticket_count` integer NOT NULL,
	`operator` text NOT NULL,
	`station` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sale_id`) REFERENCES `sale`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refund_sale` ON `refund` (`sale_id`);--> statement-breakpoint
CREATE INDEX `refund_event` ON `refund` (`event_id`,`payment_method`,`amount_cents`,`ticket_count`);--> statement-breakpoint
ALTER TABLE `person` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `ticket` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `ticket` ADD `void_reason` text;--> statement-breakpoint
ALTER TABLE `ticket` ADD `refund_id` integer;--> statement-breakpoint
ALTER TABLE `ticket` ADD `replaced_by` integer;