using ConcertationBot.Bot.Privacy;

namespace ConcertationBot.Tests.Bot.Privacy;

/// <summary>The start-up sweep of the tables earlier versions used to record who answered and who opened a ballot form.</summary>
public sealed class RetiredIdentityTablesSweepTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset AnsweredAt = new(2026, 3, 4, 14, 7, 9, TimeSpan.Zero);

    [Fact]
    public async Task StartUp_RowsWrittenTheOldWay_IdentityTablesGoneAnswersAndBallotsIntact()
    {
        // Arrange: what an earlier version left: an answer and its participation row, a ballot and its viewer row.
        var service = new TableServiceClient(azurite.ConnectionString);
        var pulseId = PulseRecord.NewId();
        var voteId = VoteRecord.NewId();
        await AddAsync(service, PulseStore.AnswersTable, new TableEntity(pulseId, "respondent-key-1") { ["roleClarity"] = 4, ["UpdatedAt"] = AnsweredAt, ["FirstSubmittedAt"] = AnsweredAt });
        await AddAsync(service, PulseStore.RetiredParticipationTable, new TableEntity(pulseId, "29:amelie") { ["UserId"] = "29:amelie", ["AadObjectId"] = "0a6e2c1d", ["AnsweredAt"] = AnsweredAt });
        await AddAsync(service, VoteStore.BallotsTable, new TableEntity(voteId, "voter-key-1") { ["Points"] = "0,1,0", ["UpdatedAt"] = AnsweredAt });
        await AddAsync(service, VoteStore.RetiredViewersTable, new TableEntity(voteId, "29:amelie") { ["UserId"] = "29:amelie", ["FirstSeenAt"] = AnsweredAt });

        // Act: two instances start on the same storage at once.
        await using var first = new BotApplicationFactory(new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString });
        await using var second = new BotApplicationFactory(new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString });
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));
        await WaitUntilGoneAsync(service);
        var again = await first.Services.GetRequiredService<RetiredIdentityTablesSweep>().SweepAsync(CancellationToken.None);

        // Assert
        var tables = await TableNamesAsync(service);
        Assert.DoesNotContain(PulseStore.RetiredParticipationTable, tables);
        Assert.DoesNotContain(VoteStore.RetiredViewersTable, tables);
        Assert.Equal(0, again);
        var answer = Assert.Single(await ToListAsync(first.Services.GetRequiredService<IPulseStore>().ReadAnswersAsync(pulseId, CancellationToken.None)));
        Assert.Equal("respondent-key-1", answer.RespondentKey);
        Assert.Equal(4, answer.Fields["roleClarity"]);
        var ballot = Assert.Single(await ToListAsync(first.Services.GetRequiredService<IVoteStore>().ReadBallotsAsync(voteId, CancellationToken.None)));
        Assert.Equal("0,1,0", ballot.Points);
    }

    private static async Task AddAsync(TableServiceClient service, string table, TableEntity entity)
    {
        var client = service.GetTableClient(table);
        await client.CreateIfNotExistsAsync();
        await client.AddEntityAsync(entity);
    }

    private static async Task WaitUntilGoneAsync(TableServiceClient service)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var tables = await TableNamesAsync(service);
            if (!tables.Contains(PulseStore.RetiredParticipationTable) && !tables.Contains(VoteStore.RetiredViewersTable))
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<List<string>> TableNamesAsync(TableServiceClient service)
    {
        var names = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            names.Add(table.Name);
        }

        return names;
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
