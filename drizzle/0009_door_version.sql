-- Offline doors (SPEC §5.2) keep a copy of the door list and ask for what changed after the
-- door version they hold. Every ticket carries the version of its last change that a door must
-- hear of, from ONE counter for the whole database, kept by these triggers so no write path can
-- forget it. A ticket seeded without a code is in no door list, so its insert takes no version:
-- a door learns of it once it is sold (the update below), and seeding 100,000 tickets costs
-- nothing more than before.
INSERT INTO door_version (id, version) SELECT 1, coalesce(max(id), 0) FROM ticket;
--> statement-breakpoint
UPDATE ticket SET door_version = id WHERE short_code IS NOT NULL OR status != 'available';
--> statement-breakpoint
-- The check-ins logged so far were all made online: scanned and heard by the host at once.
UPDATE checkin SET scanned_at = at, uploaded_at = at;
--> statement-breakpoint
CREATE TRIGGER `ticket_door_version_insert` AFTER INSERT ON `ticket`
  WHEN new.short_code IS NOT NULL OR new.status != 'available'
BEGIN
  UPDATE door_version SET version = version + 1 WHERE id = 1;
  UPDATE ticket SET door_version = (SELECT version FROM door_version WHERE id = 1) WHERE id = new.id;
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
  UPDATE door_version SET version = version + 1 WHERE id = 1;
  UPDATE ticket SET door_version = (SELECT version FROM door_version WHERE id = 1) WHERE id = new.id;
END;
