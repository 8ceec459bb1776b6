-- A door version is the rowid of the change's own row in door_change, which is only ever
-- appended to: the next one is the log's highest plus one, found at the end of its b-tree.
-- The one-row counter (door_version) each change also rewrote is gone, and with it one page
-- written by every commit that changes a ticket (a batch of check-ins, a sale).
--
-- The counter may be ahead of the log: drizzle/0009 started it at the highest ticket id, which
-- an unsold ticket without a code may hold, and a door that synced since may hold that number.
-- A row for no ticket then keeps the next version above every one a door holds.
INSERT INTO door_change (version, event_id, ticket_id)
  SELECT version, 0, 0 FROM door_version
   WHERE id = 1 AND version > (SELECT coalesce(max(version), 0) FROM door_change);
--> statement-breakpoint
DROP TRIGGER `ticket_door_version_insert`;
--> statement-breakpoint
DROP TRIGGER `ticket_door_version_update`;
--> statement-breakpoint
-- Inside a trigger, last_insert_rowid() is the row the trigger itself just inserted.
CREATE TRIGGER `ticket_door_version_insert` AFTER INSERT ON `ticket`
  WHEN new.short_code IS NOT NULL OR new.status != 'available'
BEGIN
  INSERT INTO door_change (event_id, ticket_id) VALUES (new.event_id, new.id);
  UPDATE ticket SET door_version = last_insert_rowid() WHERE id = new.id;
END;
--> statement-breakpoint
-- What a door answers from: status, inside, the code, the first check-in, the holder, the type.
CREATE TRIGGER `ticket_door_version_update`
  AFTER UPDATE OF status, inside, short_code, checked_in_at, checked_in_by, person_id, customer_id, ticket_type_id
  ON `ticket`
  WHEN new.status IS NOT old.status OR new.inside IS NOT old.inside OR new.short_code IS NOT old.short_code
    OR new.checked_in_at IS NOT old.checked_in_at OR new.checked_in_by IS NOT old.checked_in_by
    OR new.person_id IS NOT old.person_id OR new.customer_id IS NOT old.customer_id
    OR new.ticket_type_id IS NOT old.ticket_type_id
BEGIN
  INSERT INTO door_change (event_id, ticket_id) VALUES (new.event_id, new.id);
  UPDATE ticket SET door_version = last_insert_rowid() WHERE id = new.id;
END;
--> statement-breakpoint
DROP TABLE `door_version`;
--> statement-breakpoint
-- Only check-ins sent with a nonce are indexed by it (the door app always sends one): an entry
-- for every check-in sent without one could never match, and cost it one more page written.
DROP INDEX `checkin_nonce_unique`;
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_nonce_unique` ON `checkin` (`nonce`) WHERE "checkin"."nonce" IS NOT NULL;
