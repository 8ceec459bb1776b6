CREATE TABLE `guest_import` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`status` text DEFAULT 'selling' NOT NULL,
	`guests` integer NOT NULL,
	`operator` text NOT NULL,
	`station` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `sale` ADD `import_id` integer REFERENCES guest_import(id);--> statement-breakpoint
CREATE INDEX `sale_import` ON `sale` (`import_id`) WHERE "sale"."import_id" IS NOT NULL;