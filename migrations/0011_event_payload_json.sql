-- Trigger payloads keep the text they were stored with (and so their keys' order): `json`
-- instead of `jsonb`. Existing rows convert value for value; their keys stay in the order
-- jsonb had already given them.
ALTER TABLE "events" ALTER COLUMN "payload" SET DATA TYPE json USING "payload"::json;
