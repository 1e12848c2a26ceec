// Cross-client check driven by Tests/Storage/TableCrossClientTests.cs: Microsoft's @azure/data-tables reads what
// our C# client wrote, and writes what our client then reads.
//   node Tests/Node/tables/crosscheck.mjs read  <table> <partitionKey>   -> JSON array, every property as {type, value}
//   node Tests/Node/tables/crosscheck.mjs write <table> <partitionKey>   -> writes one entity of every type
// The account comes from STORAGE_CONNECTION_STRING (AccountName, AccountKey, TableEndpoint).
import { AzureNamedKeyCredential, TableClient } from "@azure/data-tables";

export function clientFor(connectionString, table) {
  const parts = Object.fromEntries(
    connectionString
      .split(";")
      .filter((s) => s.includes("="))
      .map((s) => [s.slice(0, s.indexOf("=")).trim().toLowerCase(), s.slice(s.indexOf("=") + 1).trim()]),
  );
  const endpoint = parts.tableendpoint ?? "http://127.0.0.1:10002/devstoreaccount1";
  const credential = new AzureNamedKeyCredential(
    parts.accountname ?? "devstoreaccount1",
    parts.accountkey ?? "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
  );
  return new TableClient(endpoint, table, credential, { allowInsecureConnection: endpoint.startsWith("http:") });
}

export const writtenByOfficialClient = (partitionKey) => ({
  partitionKey,
  rowKey: "from-node",
  Text: "écrit par @azure/data-tables « l'été »",
  Flag: false,
  Count: 2147483647,
  Big: { value: "-9223372036854775808", type: "Int64" },
  Ratio: { value: "1.5", type: "Double" },
  WholeDouble: { value: "4", type: "Double" },
  When: { value: "2031-12-31T23:59:59.9999999Z", type: "DateTime" },
  Id: { value: "0f8fad5b-d9cb-469f-a165-70867728950e", type: "Guid" },
  Bytes: new Uint8Array([255, 0, 128, 7]),
});

async function main() {
  const [command, table, partitionKey] = process.argv.slice(2);
  const connectionString = process.env.STORAGE_CONNECTION_STRING;
  if (!connectionString || !table || !partitionKey || !["read", "write"].includes(command)) {
    console.error("usage: STORAGE_CONNECTION_STRING=... node crosscheck.mjs read|write <table> <partitionKey>");
    process.exit(2);
  }

  const client = clientFor(connectionString, table);
  if (command === "write") {
    await client.createEntity(writtenByOfficialClient(partitionKey));
    console.log(JSON.stringify({ written: 1 }));
    return;
  }

  const entities = [];
  const filter = `PartitionKey eq '${partitionKey.replaceAll("'", "''")}'`;
  for await (const entity of client.listEntities({ queryOptions: { filter }, disableTypeConversion: true })) {
    entities.push(entity);
  }
  console.log(JSON.stringify(entities));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
