-- Ticket type names become unique per event regardless of case ("VIP" and "vip" clash).
-- A database may already hold such pairs: the oldest keeps its name, each later one gets
-- its id appended, and the rename is written to the audit log so the organizer can see it.
INSERT INTO audit_log (operator, station, action, entity, entity_id, before, after)
SELECT 'Ticketi', 'upgrade', 'rename', 'ticket_type', t.id,
       json_object('name', t.name), json_object('name', t.name || ' (' || t.id || ')')
FROM ticket_type t
WHERE EXISTS (
  SELECT 1 FROM ticket_type o
  WHERE o.event_id = t.event_id AND lower(o.name) = lower(t.name) AND o.id < t.id
);
--> statement-breakpoint
UPDATE ticket_type SET name = name || ' (' || id || ')'
WHERE EXISTS (
  SELECT 1 FROM ticket_type o
  WHERE o.event_id = ticket_type.event_id AND lower(o.name) = lower(ticket_type.name) AND o.id < ticket_type.id
);
