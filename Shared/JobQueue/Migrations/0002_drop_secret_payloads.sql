-- Jobs whose payload is a secret keep no payload once they end: `signin.code-issued` carries a
-- sign-in code and the phone it goes to, needed only until the SMS is sent. queue.finished keeps the
-- job's id, kind, times and errors for days, but an empty payload. The WHEN clause is evaluated
-- before the function is called, so every other finished job pays nothing for this.

CREATE FUNCTION queue.drop_secret_payload() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.payload := '{}'::jsonb;
    RETURN NEW;
END
$$;

CREATE TRIGGER finished_secret_payloads BEFORE INSERT ON queue.finished
    FOR EACH ROW WHEN (NEW.kind IN ('signin.code-issued'))
    EXECUTE FUNCTION queue.drop_secret_payload();
