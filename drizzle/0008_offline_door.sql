CREATE TABLE `checkin_undo` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`reason` text NOT NULL,
	`station` text NOT NULL,
	`operator` text NOT NULL,
	`at` text NOT NULL,
	`nonce` text,
	FOREIGN KEY (`ticket_id`) REFERENCES `ticket`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_undo_nonce_unique` ON `checkin_undo` (`nonce`);--> statement-breakpoint
CREATE TABLE `door_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `checkin` ADD `scanned_at` text;--> statement-breakpoint
ALTER TABLE `checkin` ADD `uploaded_at` text;--> statement-breakpoint
ALTER TABLE `checkin` ADD `offline` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `checkin` ADD `conflict` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `checkin_conflict` ON `checkin` (`event_id`,`ticket_id`) WHERE "checkin"."conflict" = 1;--> statement-breakpoint
ALTER TABLE `ticket` ADD `door_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `ticket_event_door_version` ON `ticket` (`event_id`,`door_version`);