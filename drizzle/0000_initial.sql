CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator` text NOT NULL,
	`station` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`before` text,
	`after` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `checkin` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`ticket_id` integer,
	`code_typed` text NOT NULL,
	`result` text NOT NULL,
	`direction` text NOT NULL,
	`station` text NOT NULL,
	`operator` text NOT NULL,
	`at` text NOT NULL,
	`nonce` text,
	`answer` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `ticket`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_nonce_unique` ON `checkin` (`nonce`);--> statement-breakpoint
CREATE INDEX `checkin_station_result_at` ON `checkin` (`station`,`result`,`at`);--> statement-breakpoint
CREATE INDEX `checkin_ticket` ON `checkin` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `customer` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_email` ON `customer` (`email`);--> statement-breakpoint
CREATE INDEX `customer_phone` ON `customer` (`phone`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sale_id` integer,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` text NOT NULL,
	`sent_at` text,
	`message_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sale`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `email_outbox_status_next` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_sale` ON `email_outbox` (`sale_id`);--> statement-breakpoint
CREATE TABLE `event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`venue` text DEFAULT '' NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text,
	`capacity` integer NOT NULL,
	`code_length` integer DEFAULT 3 NOT NULL,
	`allow_reentry` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `operator` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`pin_hash` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operator_name_unique` ON `operator` (`name`);--> statement-breakpoint
CREATE TABLE `person` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text
);
--> statement-breakpoint
CREATE TABLE `sale` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`payment_method` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`ticket_count` integer NOT NULL,
	`operator` text NOT NULL,
	`station` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sale_event` ON `sale` (`event_id`,`payment_method`,`amount_cents`,`ticket_count`);--> statement-breakpoint
CREATE TABLE `station` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`last_seen_at` text,
	`revoked_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `station_name_unique` ON `station` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `station_token_hash_unique` ON `station` (`token_hash`);--> statement-breakpoint
CREATE TABLE `ticket` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uuid` text NOT NULL,
	`event_id` integer NOT NULL,
	`ticket_type_id` integer,
	`short_code` text,
	`status` text DEFAULT 'available' NOT NULL,
	`customer_id` integer,
	`person_id` integer,
	`sale_id` integer,
	`price_cents` integer,
	`inside` integer DEFAULT false NOT NULL,
	`email_status` text DEFAULT 'none' NOT NULL,
	`assigned_at` text,
	`checked_in_at` text,
	`checked_in_by` text,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_type_id`) REFERENCES `ticket_type`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sale_id`) REFERENCES `sale`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_uuid_unique` ON `ticket` (`uuid`);--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_event_code` ON `ticket` (`event_id`,`short_code`);--> statement-breakpoint
CREATE INDEX `ticket_event_status` ON `ticket` (`event_id`,`status`,`ticket_type_id`,`inside`,`email_status`,`price_cents`);--> statement-breakpoint
CREATE INDEX `ticket_code` ON `ticket` (`short_code`);--> statement-breakpoint
CREATE INDEX `ticket_sale` ON `ticket` (`sale_id`);--> statement-breakpoint
CREATE INDEX `ticket_customer` ON `ticket` (`customer_id`);--> statement-breakpoint
CREATE TABLE `ticket_type` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`name` text NOT NULL,
	`price_cents` integer NOT NULL,
	`currency` text DEFAULT 'EUR' NOT NULL,
	`capacity` integer,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_type_event_name` ON `ticket_type` (`event_id`,`name`);