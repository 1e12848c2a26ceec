using System.Text.Json.Serialization;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConcertationBot.Tests.Bot.Storage;

public sealed record DialogState(int Counter, string Step, IReadOnlyList<string> Answers);

[JsonSerializable(typeof(DialogState))]
internal sealed partial class StateTestJsonContext : JsonSerializerContext;

public sealed class BotStateStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private (BotStateStore Store, TableClient Table) NewStore()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var options = new StorageOptions { StateTableName = AzuriteFixture.UniqueTableName("state") };
        return (new BotStateStore(service, Options.Create(options), NullLogger<BotStateStore>.Instance), service.GetTableClient(options.StateTableName));
    }

    private static readonly BotStateKey Conversation = BotStateKey.ForConversation("msteams", "19:abc/def#g?h@thread.tacv2;messageid=1");

    [Fact]
    public async Task ReadAsync_NothingStored_ReturnsNull()
    {
        var (store, _) = NewStore();

        var entry = await store.ReadAsync(Conversation, StateTestJsonContext.Default.DialogState);

        Assert.Null(entry);
    }

    [Fact]
    public async Task WriteAsync_ThenRead_RoundTripsValueAndETag()
    {
        var (store, _) = NewStore();
        var state = new DialogState(3, "vote", ["oui", "non « peut-être »"]);

        var etag = await store.WriteAsync(Conversation, state, default, StateTestJsonContext.Default.DialogState);
        var entry = await store.ReadAsync(Conversation, StateTestJsonContext.Default.DialogState);

        Assert.NotNull(entry);
        Assert.Equal(state.Counter, entry.Value.Counter);
        Assert.Equal(state.Answers, entry.Value.Answers);
        Assert.Equal(etag, entry.ETag);
    }

    [Fact]
    public async Task WriteAsync_StaleETag_ThrowsConflictAndKeepsNewerState()
    {
        var (store, _) = NewStore();
        var first = await store.WriteAsync(Conversation, new DialogState(1, "a", []), default, StateTestJsonContext.Default.DialogState);
        await store.WriteAsync(Conversation, new DialogState(2, "b", []), first, StateTestJsonContext.Default.DialogState);

        var error = await Assert.ThrowsAsync<StateConflictException>(() =>
            store.WriteAsync(Conversation, new DialogState(99, "stale", []), first, StateTestJsonContext.Default.DialogState));

        var inner = Assert.IsType<RequestFailedException>(error.InnerException);
        Assert.Equal(412, inner.Status);
        Assert.Equal(2, (await store.ReadAsync(Conversation, StateTestJsonContext.Default.DialogState))!.Value.Counter);
    }

    [Fact]
    public async Task WriteAsync_CreateWhenAlreadyCreated_ThrowsConflict()
    {
        var (store, _) = NewStore();
        await store.WriteAsync(Conversation, new DialogState(1, "a", []), default, StateTestJsonContext.Default.DialogState);

        var error = await Assert.ThrowsAsync<StateConflictException>(() =>
            store.WriteAsync(Conversation, new DialogState(2, "b", []), default, StateTestJsonContext.Default.DialogState));

        Assert.Equal(409, Assert.IsType<RequestFailedException>(error.InnerException).Status);
    }

    [Fact]
    public async Task WriteAsync_StateLargerThanOneProperty_SplitsAndReassembles()
    {
        var (store, _) = NewStore();
        var answers = Enumerable.Range(0, 2_000).Select(i => $"réponse {i} : " + new string('x', 40)).ToList();

        await store.WriteAsync(Conversation, new DialogState(1, "big", answers), default, StateTestJsonContext.Default.DialogState);
        var entry = await store.ReadAsync(Conversation, StateTestJsonContext.Default.DialogState);

        Assert.Equal(answers, entry!.Value.Answers);
    }

    [Fact]
    public async Task DeleteAsync_StaleETag_ThrowsConflict_CurrentETagDeletes()
    {
        var (store, _) = NewStore();
        var first = await store.WriteAsync(Conversation, new DialogState(1, "a", []), default, StateTestJsonContext.Default.DialogState);
        var second = await store.WriteAsync(Conversation, new DialogState(2, "b", []), first, StateTestJsonContext.Default.DialogState);

        await Assert.ThrowsAsync<StateConflictException>(() => store.DeleteAsync(Conversation, first));
        await store.DeleteAsync(Conversation, second);

        Assert.Null(await store.ReadAsync(Conversation, StateTestJsonContext.Default.DialogState));
    }

    [Fact]
    public async Task Keys_ConversationUserAndMember_AreSeparateEntities()
    {
        var (store, table) = NewStore();
        var member = BotStateKey.ForConversationMember("msteams", "19:abc/def#g?h@thread.tacv2;messageid=1", "29:user|x");
        var user = BotStateKey.ForUser("msteams", "29:user|x");

        await store.WriteAsync(Conversation, new DialogState(1, "conversation", []), default, StateTestJsonContext.Default.DialogState);
        await store.WriteAsync(member, new DialogState(2, "member", []), default, StateTestJsonContext.Default.DialogState);
        await store.WriteAsync(user, new DialogState(3, "user", []), default, StateTestJsonContext.Default.DialogState);

        Assert.Equal("conversation", (await store.ReadAsync(Conversation, StateTestJsonContext.Default.DialogState))!.Value.Step);
        Assert.Equal("member", (await store.ReadAsync(member, StateTestJsonContext.Default.DialogState))!.Value.Step);
        Assert.Equal("user", (await store.ReadAsync(user, StateTestJsonContext.Default.DialogState))!.Value.Step);
        Assert.Equal("conversation|msteams|19:abc%2Fdef%23g%3Fh@thread.tacv2;messageid=1", Conversation.PartitionKey);
        var stored = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            stored.Add(entity);
        }

        Assert.Equal(3, stored.Count);
    }

    [Fact]
    public async Task UpdateAsync_FiftyParallelWriters_LoseNoIncrementAndConflictsHappened()
    {
        var (store, _) = NewStore();
        var calls = 0;
        using var secondRead = new ManualResetEventSlim();

        // The first writer holds its update until a second writer has read the same (absent) state: both then write
        // from one version, so at least one conflict and retry must happen, whatever the scheduling.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.UpdateAsync(
            Conversation,
            current =>
            {
                var call = Interlocked.Increment(ref calls);
                if (call == 2)
                {
                    secondRead.Set();
                }
                else if (call == 1)
                {
                    secondRead.Wait(TimeSpan.FromSeconds(30));
                }

                return (current ?? new DialogState(0, "count", [])) with { Counter = (current?.Counter ?? 0) + 1 };
            },
            StateTestJsonContext.Default.DialogState))));

        Assert.Equal(50, (await store.ReadAsync(Conversation, StateTestJsonContext.Default.DialogState))!.Value.Counter);
        Assert.True(secondRead.IsSet, "the second writer never read");
        Assert.True(calls > 50, $"{calls} update calls for 50 writers: no conflict was retried");
    }

    [Fact]
    public async Task TableClient_FiftyParallelReadModifyWriteWithETags_LoseNoIncrementAndConflictsHappened()
    {
        var client = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName("counter"));
        await client.CreateAsync();
        await client.AddEntityAsync(new TableEntity("counter", "votes") { ["Count"] = 0L });
        var conflicts = 0;
        var reads = 0;
        var secondRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task IncrementAsync()
        {
            while (true)
            {
                var current = (await client.GetEntityAsync<TableEntity>("counter", "votes")).Value;
                // The first reader writes only once a second reader holds the same version: one of them must conflict.
                switch (Interlocked.Increment(ref reads))
                {
                    case 1:
                        await secondRead.Task.WaitAsync(TimeSpan.FromSeconds(30));
                        break;
                    case 2:
                        secondRead.TrySetResult();
                        break;
                }

                current["Count"] = current.GetInt64("Count")!.Value + 1;
                try
                {
                    await client.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace);
                    return;
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(IncrementAsync)));

        Assert.Equal(50L, (await client.GetEntityAsync<TableEntity>("counter", "votes")).Value.GetInt64("Count"));
        Assert.True(conflicts > 0, "no 412 conflict happened, so the ETag check was never exercised");
    }
}
