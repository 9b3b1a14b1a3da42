// Reads a JSON array of received requests from the file named first: [{"secret": "whsec_…", "body": "…",
// "headers": {"webhook-id": …, "webhook-timestamp": …, "webhook-signature": …}}, …] and prints, for each,
// "ok" or the library's error, one JSON array. The timestamp is checked against this machine's clock
// (the library's five-minute tolerance), as a receiver would.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const requests = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = requests.map((r) => {
  try {
    const payload = new Webhook(r.secret).verify(r.body, r.headers);
    return { ok: true, type: payload.type };
  } catch (e) {
    return { ok: false, error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify(results));
