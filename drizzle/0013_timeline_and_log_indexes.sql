DROP INDEX `checkin_station_result_at`;--> statement-breakpoint
CREATE INDEX `checkin_event_scanned` ON `checkin` (`event_id`,`scanned_at`);--> statement-breakpoint
CREATE INDEX `ticket_event_assigned` ON `ticket` (`event_id`,`assigned_at`,`ticket_type_id`);