// Same measurement as Benchmarks/Program.cs, through Microsoft's @azure/data-tables.
//   node Benchmarks/official-client.mjs [iterations] [warmup]
// The account comes from STORAGE_CONNECTION_STRING (AccountName, AccountKey, TableEndpoint).
import { clientFor } from "../Tests/Node/tables/crosscheck.mjs";

const iterations = Number(process.argv[2] ?? 2000);
const warmup = Number(process.argv[3] ?? 200);
const table = clientFor(process.env.STORAGE_CONNECTION_STRING ?? "", "benchnode" + Math.random().toString(16).slice(2, 10));
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
