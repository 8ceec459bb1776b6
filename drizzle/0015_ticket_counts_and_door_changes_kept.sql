-- The counts and the money every report shows, and the log of what doors must hear of, kept
-- by the database so no write path can forget them (drizzle/0014 made the tables).
--
-- ticket_count holds how many tickets of each kind an event has (type, status, inside,
-- email status) and what they were sold for. Reconciliation, the door's counters and the
-- event list read a few rows of it instead of every ticket of the event, and a check-in
-- changes one row of it instead of two entries of an index at random places.
INSERT INTO ticket_count (event_id, ticket_type_id, status, inside, email_status, n, price_cents)
  SELECT event_id, coalesce(ticket_type_id, 0), status, inside, email_status, count(*), coalesce(sum(price_cents), 0)
    FROM ticket GROUP BY event_id, coalesce(ticket_type_id, 0), status, inside, email_status;
--> statement-breakpoint
CREATE TRIGGER `ticket_count_insert` AFTER INSERT ON `ticket` BEGIN
  INSERT INTO ticket_count (event_id, ticket_type_id, status, inside, email_status, n, price_cents)
    VALUES (new.event_id, coalesce(new.ticket_type_id, 0), new.status, new.inside, new.email_status, 1,
            coalesce(new.price_cents, 0))
    ON CONFLICT DO UPDATE SET n = n + 1, price_cents = price_cents + excluded.price_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_count_delete` AFTER DELETE ON `ticket` BEGIN
  UPDATE ticket_count SET n = n - 1, price_cents = price_cents - coalesce(old.price_cents, 0)
   WHERE event_id = old.event_id AND ticket_type_id = coalesce(old.ticket_type_id, 0) AND status = old.status
     AND inside = old.inside AND email_status = old.email_status;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_count_update`
  AFTER UPDATE OF event_id, ticket_type_id, status, inside, email_status, price_cents ON `ticket`
  WHEN new.event_id IS NOT old.event_id OR new.ticket_type_id IS NOT old.ticket_type_id
    OR new.status IS NOT old.status OR new.inside IS NOT old.inside
    OR new.email_status IS NOT old.email_status OR new.price_cents IS NOT old.price_cents
BEGIN
  UPDATE ticket_count SET n = n - 1, price_cents = price_cents - coalesce(old.price_cents, 0)
   WHERE event_id = old.event_id AND ticket_type_id = coalesce(old.ticket_type_id, 0) AND status = old.status
     AND inside = old.inside AND email_status = old.email_status;
  INSERT INTO ticket_count (event_id, ticket_type_id, status, inside, email_status, n, price_cents)
    VALUES (new.event_id, coalesce(new.ticket_type_id, 0), new.status, new.inside, new.email_status, 1,
            coalesce(new.price_cents, 0))
    ON CONFLICT DO UPDATE SET n = n + 1, price_cents = price_cents + excluded.price_cents;
END;
--> statement-breakpoint
-- money_total: each event's sales and refunds by payment method (count, tickets, amount), so
-- reconciliation reads a few rows instead of every sale of the night.
INSERT INTO money_total (event_id, kind, payment_method, count, tickets, amount_cents)
  SELECT event_id, 'sale', payment_method, count(*), sum(ticket_count), sum(amount_cents)
    FROM sale GROUP BY event_id, payment_method;
--> statement-breakpoint
INSERT INTO money_total (event_id, kind, payment_method, count, tickets, amount_cents)
  SELECT event_id, 'refund', payment_method, count(*), sum(ticket_count), sum(amount_cents)
    FROM refund GROUP BY event_id, payment_method;
--> statement-breakpoint
CREATE TRIGGER `money_total_sale_insert` AFTER INSERT ON `sale` BEGIN
  INSERT INTO money_total (event_id, kind, payment_method, count, tickets, amount_cents)
    VALUES (new.event_id, 'sale', new.payment_method, 1, new.ticket_count, new.amount_cents)
    ON CONFLICT DO UPDATE SET count = count + 1, tickets = tickets + excluded.tickets,
                              amount_cents = amount_cents + excluded.amount_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `money_total_sale_delete` AFTER DELETE ON `sale` BEGIN
  UPDATE money_total SET count = count - 1, tickets = tickets - old.ticket_count,
                         amount_cents = amount_cents - old.amount_cents
   WHERE event_id = old.event_id AND kind = 'sale' AND payment_method = old.payment_method;
END;
--> statement-breakpoint
CREATE TRIGGER `money_total_sale_update`
  AFTER UPDATE OF event_id, payment_method, ticket_count, amount_cents ON `sale`
BEGIN
  UPDATE money_total SET count = count - 1, tickets = tickets - old.ticket_count,
                         amount_cents = amount_cents - old.amount_cents
   WHERE event_id = old.event_id AND kind = 'sale' AND payment_method = old.payment_method;
  INSERT INTO money_total (event_id, kind, payment_method, count, tickets, amount_cents)
    VALUES (new.event_id, 'sale', new.payment_method, 1, new.ticket_count, new.amount_cents)
    ON CONFLICT DO UPDATE SET count = count + 1, tickets = tickets + excluded.tickets,
                              amount_cents = amount_cents + excluded.amount_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `money_total_refund_insert` AFTER INSERT ON `refund` BEGIN
  INSERT INTO money_total (event_id, kind, payment_method, count, tickets, amount_cents)
    VALUES (new.event_id, 'refund', new.payment_method, 1, new.ticket_count, new.amount_cents)
    ON CONFLICT DO UPDATE SET count = count + 1, tickets = tickets + excluded.tickets,
                              amount_cents = amount_cents + excluded.amount_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `money_total_refund_delete` AFTER DELETE ON `refund` BEGIN
  UPDATE money_total SET count = count - 1, tickets = tickets - old.ticket_count,
                         amount_cents = amount_cents - old.amount_cents
   WHERE event_id = old.event_id AND kind = 'refund' AND payment_method = old.payment_method;
END;
--> statement-breakpoint
CREATE TRIGGER `money_total_refund_update`
  AFTER UPDATE OF event_id, payment_method, ticket_count, amount_cents ON `refund`
BEGIN
  UPDATE money_total SET count = count - 1, tickets = tickets - old.ticket_count,
                         amount_cents = amount_cents - old.amount_cents
   WHERE event_id = old.event_id AND kind = 'refund' AND payment_method = old.payment_method;
  INSERT INTO money_total (event_id, kind, payment_method, count, tickets, amount_cents)
    VALUES (new.event_id, 'refund', new.payment_method, 1, new.ticket_count, new.amount_cents)
    ON CONFLICT DO UPDATE SET count = count + 1, tickets = tickets + excluded.tickets,
                              amount_cents = amount_cents + excluded.amount_cents;
END;
--> statement-breakpoint
-- door_change: one row per change a door must hear of, appended by the triggers that give a
-- ticket its door version (they replace those of drizzle/0009). A door's "what changed since
-- my version" reads the log after it; a ticket changed twice is sent once, at its latest version.
-- Door versions were always drawn from one counter, so each is one ticket's.
INSERT INTO door_change (version, event_id, ticket_id)
  SELECT door_version, event_id, id FROM ticket WHERE door_version > 0;
--> statement-breakpoint
DROP TRIGGER `ticket_door_version_insert`;
--> statement-breakpoint
DROP TRIGGER `ticket_door_version_update`;
--> statement-breakpoint
CREATE TRIGGER `ticket_door_version_insert` AFTER INSERT ON `ticket`
  WHEN new.short_code IS NOT NULL OR new.status != 'available'
BEGIN
  UPDATE door_version SET version = version + 1 WHERE id = 1;
  INSERT INTO door_change (version, event_id, ticket_id)
    SELECT version, new.event_id, new.id FROM door_version WHERE id = 1;
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
  INSERT INTO door_change (version, event_id, ticket_id)
    SELECT version, new.event_id, new.id FROM door_version WHERE id = 1;
  UPDATE ticket SET door_version = (SELECT version FROM door_version WHERE id = 1) WHERE id = new.id;
END;
