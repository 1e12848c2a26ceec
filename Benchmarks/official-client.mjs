// Same measurement as Benchmarks/Program.cs, through Microsoft's @azure/data-tables.
//   node Benchmarks/official-client.mjs [iterations] [warmup]
// The account comes from STORAGE_CONNECTION_STRING (AccountName, AccountKey, TableEndpoint).
import { AzureNamedKeyCredential, TableClient } from "@azure/data-tables";

const iterations = Number(process.argv[2] ?? 2000);
const warmup = Number(process.argv[3] ?? 200);
const parts = Object.fromEntries(
  (process.env.STORAGE_CONNECTION_STRING ?? "")
    .split(";")
    .filter((s) => s.includes("="))
    .map((s) => [s.slice(0, s.indexOf("=")).trim().toLowerCase(), s.slice(s.indexOf("=") + 1).trim()]),
);
const endpoint = parts.tableendpoint ?? "http://127.0.0.1:10002/devstoreaccount1";
const credential = new AzureNamedKeyCredential(
  parts.accountname ?? "devstoreaccount1",
  parts.accountkey ?? "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
);
const table = new TableClient(endpoint, "benchnode" + Math.random().toString(16).slice(2, 10), credential, {
  allowInsecureConnection: endpoint.startsWith("http:"),
});
await table.createTable();

const entity = (i) => ({
  partitionKey: "bench",
  rowKey: "entity",
  Text: "Concertation du quartier",
  Count: i,
  Big: { value: String(2 ** 40), type: "Int64" },
  Flag: true,
  When: { value: "2025-01-01T00:00:00.0000000Z", type: "DateTime" },
});

async function measure(operation) {
  for (let i = 0; i < warmup; i++) await operation(i);
  const samples = new Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await operation(i);
    samples[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  samples.sort((a, b) => a - b);
  const pick = (p) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
  return { medianMs: Number(pick(0.5).toFixed(3)), p99Ms: Number(pick(0.99).toFixed(3)) };
}

const upsert = await measure((i) => table.upsertEntity(entity(i), "Merge"));
const read = await measure(() => table.getEntity("bench", "entity"));
console.log(JSON.stringify({ client: "@azure/data-tables (Node)", iterations, upsert, read }));
await table.deleteTable();
