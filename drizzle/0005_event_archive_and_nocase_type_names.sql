DROP INDEX `ticket_type_event_name`;--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_type_event_name_nocase` ON `ticket_type` (`event_id`,lower("name"));--> statement-breakpoint
ALTER TABLE `event` ADD `archived_at` text;