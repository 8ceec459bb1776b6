CREATE TABLE `setting` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `operator` ADD `failed_pins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `operator` ADD `locked_until` text;