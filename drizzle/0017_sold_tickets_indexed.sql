-- A ticket for sale has no sale, buyer, holder or time of sale. Each of these four indexes held
-- an entry for it anyway, under NULL, that no query ever reads: a lookup by sale, buyer or holder,
-- or a range of sale times, cannot match NULL. They were four of the nine b-tree writes of every
-- seeded ticket. Now they hold the sold tickets only; SQLite still picks them for those lookups,
-- since `x = ?`, `x IN (...)` and `x >= ?` imply `x IS NOT NULL` (a test holds the query plans).
DROP INDEX `ticket_sale`;--> statement-breakpoint
DROP INDEX `ticket_customer`;--> statement-breakpoint
DROP INDEX `ticket_person`;--> statement-breakpoint
DROP INDEX `ticket_event_assigned`;--> statement-breakpoint
CREATE INDEX `ticket_sale` ON `ticket` (`sale_id`) WHERE "ticket"."sale_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `ticket_customer` ON `ticket` (`customer_id`) WHERE "ticket"."customer_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `ticket_person` ON `ticket` (`person_id`) WHERE "ticket"."person_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `ticket_event_assigned` ON `ticket` (`event_id`,`assigned_at`,`ticket_type_id`) WHERE "ticket"."assigned_at" IS NOT NULL;