CREATE TABLE `door_change` (
	`version` integer PRIMARY KEY NOT NULL,
	`event_id` integer NOT NULL,
	`ticket_id` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `door_change_event` ON `door_change` (`event_id`,`version`,`ticket_id`);--> statement-breakpoint
CREATE TABLE `money_total` (
	`event_id` integer NOT NULL,
	`kind` text NOT NULL,
	`payment_method` text NOT NULL,
	`count` integer NOT NULL,
	`tickets` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	PRIMARY KEY(`event_id`, `kind`, `payment_method`)
);
--> statement-breakpoint
CREATE TABLE `ticket_count` (
	`event_id` integer NOT NULL,
	`ticket_type_id` integer NOT NULL,
	`status` text NOT NULL,
	`inside` integer NOT NULL,
	`email_status` text NOT NULL,
	`n` integer NOT NULL,
	`price_cents` integer NOT NULL,
	PRIMARY KEY(`event_id`, `ticket_type_id`, `status`, `inside`, `email_status`)
);
--> statement-breakpoint
DROP INDEX `ticket_event_door_version`;--> statement-breakpoint
DROP INDEX `ticket_event_status`;--> statement-breakpoint
DROP INDEX `ticket_code`;--> statement-breakpoint
CREATE INDEX `ticket_available` ON `ticket` (`event_id`,`ticket_type_id`) WHERE "ticket"."status" = 'available';--> statement-breakpoint
CREATE INDEX `ticket_void` ON `ticket` (`event_id`,`voided_at`) WHERE "ticket"."status" = 'void';--> statement-breakpoint
CREATE INDEX `ticket_sold_without_email` ON `ticket` (`event_id`,`sale_id`) WHERE "ticket"."email_status" = 'none' AND "ticket"."status" IN ('assigned', 'checked_in');