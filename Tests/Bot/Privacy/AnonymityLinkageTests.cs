namespace ConcertationBot.Tests.Bot.Privacy;

/// <summary>
/// What a storage reader without the hash key can learn: the whole account (the <c>Deliveries</c> records of
/// redelivery included) is dumped after partners answered a pulse and voted one after another, and every answer and
/// ballot is attacked by key, by time and by write order.
/// </summary>
public sealed class AnonymityLinkageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Two stored times closer than this are taken as "the same action".</summary>
    private static readonly TimeSpan Nearby = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task StorageDump_FourPartnersAnswerAndVoteSpacedOut_NoAnswerOrBallotLinkedToAPerson()
    {
        // Arrange: four partners of this test only (ids no other test writes), all in the roster.
        var clock = new OffsetClock();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var partners = new[] { "Amélie Tremblay", "Bruno Lambert", "Chris Walker", "Dalia Haddad" }
            .Select((name, i) => new TestPerson($"29:lk-{unique}-{i}", name, Guid.NewGuid().ToString(), i == 2 ? "en-US" : "fr-CA"))
            .ToList();
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], time: clock);
        bed.Connector.Roster.AddRange(partners.Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        // Three partners declare "direction / coordination", Dalia alone "équipe terrain" (issue #16: the role on answer rows).
        foreach (var (partner, role) in partners.Select((p, i) => (p, i < 3 ? "direction" : "terrain")))
        {
            await bed.InvokeForCardAsync(bed.Invoke(partner, CardVerbs.ProfileSave, new System.Text.Json.Nodes.JsonObject { [CardDataFields.ProfileCategory] = "communautaire", [CardDataFields.ProfileRole] = role }, replyToId: "profile-card"));
        }

        var pulseId = await PulseFlows.OpenAsync(bed);
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi des jeunes");

        // Act: each partner answers the pulse, then votes (by the form or in one click); minutes apart on the bot's clock, and apart on the server's.
        for (var i = 0; i < partners.Count; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(17));
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            await PulseFlows.AnswerAsync(bed, partners[i], pulseId, PulseFlows.Rating((2 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            clock.Advance(TimeSpan.FromMinutes(3));
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            if (i % 2 == 0)
            {
                await bed.InvokeForCardAsync(bed.Invoke(partners[i], CardVerbs.VoteOpen, new System.Text.Json.Nodes.JsonObject { [CardDataFields.VoteId] = voteId }, replyToId: "vote-card"));
                await VoteFlows.CastAsync(bed, partners[i], VoteFlows.Single(voteId, i % 3));
            }
            else
            {
                // One click on an option of the shared card (vote.choose) stores the ballot the same way.
                await VoteFlows.ChooseAsync(bed, partners[i], VoteFlows.Choice(voteId, i % 3));
            }
        }

        await FlushAsync(bed, pulseId, voteId);
        var dump = await DumpAsync(azurite.ConnectionString);

        // Assert
        var keys = new RespondentKeys(Options.Create(new ConcertationOptions { HashKey = BotApplicationFactory.TestHashKey }));
        var answers = dump.Where(r => r.Table == PulseStore.AnswersTable && r.Entity.PartitionKey == pulseId && r.Entity.RowKey != "~fence")
            .Select(r => new Target(r, partners.Single(p => keys.ForPulse(pulseId, p.AadObjectId) == r.Entity.RowKey))).ToList();
        var ballots = dump.Where(r => r.Table == VoteStore.BallotsTable && r.Entity.PartitionKey == voteId && r.Entity.RowKey != "~fence")
            .Select(r => new Target(r, partners.Single(p => keys.ForVote(voteId, p.AadObjectId) == r.Entity.RowKey))).ToList();
        Assert.Equal(partners.Count, answers.Count);
        Assert.Equal(partners.Count, ballots.Count);

        // The Deliveries table (redelivery records, issue #19) was dumped too: the partners' clicks are there, under keyed
        // hashes in another domain than the answer and ballot keys, naming nobody (masked invoke answers included).
        var deliveries = dump.Where(r => r.Table == DeliveryStore.TableName).ToList();
        Assert.True(deliveries.Count >= partners.Count * 3, $"only {deliveries.Count} Deliveries rows");
        Assert.All(deliveries, r => Assert.DoesNotContain(partners, p => Carries(r.Entity, p)));
        var answerAndBallotKeys = answers.Concat(ballots).Select(t => t.Row.Entity.RowKey).ToHashSet(StringComparer.Ordinal);
        Assert.All(deliveries, r => Assert.DoesNotContain(r.Entity.RowKey, answerAndBallotKeys));
        Assert.All(deliveries, r => Assert.DoesNotContain(answerAndBallotKeys, k => r.Entity.Any(pair => pair.Value is string text && text.Contains(k, StringComparison.Ordinal))));

        var identityRows = dump.SelectMany(r => partners.Where(p => Carries(r.Entity, p)).Select(p => (Row: r, Person: p))).ToList();
        var linked = new List<(string Target, string How)>();
        foreach (var group in new[] { answers, ballots })
        {
            foreach (var target in group)
            {
                linked.AddRange(partners.Where(p => Carries(target.Row.Entity, p)).Select(p => (Describe(target.Row), $"holds an identity of {p.Name}")));
                linked.AddRange(identityRows
                    .Where(identity => Times(identity.Row.Entity).Any(a => Times(target.Row.Entity).Any(b => (a - b).Duration() <= Nearby)))
                    .Select(identity => (Describe(target.Row), $"is within {Nearby.TotalSeconds} s of {Describe(identity.Row)} ({identity.Person.Name})")));
            }

            // Write order: rows carrying identities, in the order they were written, paired with the targets in theirs.
            var ordered = group.OrderBy(t => t.Row.Entity.Timestamp).ToList();
            foreach (var table in identityRows.GroupBy(identity => identity.Row.Table))
            {
                var people = table.OrderBy(identity => identity.Row.Entity.Timestamp).Select(identity => identity.Person).Distinct().ToList();
                for (var rank = 0; rank < Math.Min(people.Count, ordered.Count); rank++)
                {
                    if (people.Count > 1 && ordered[rank].Author == people[rank])
                    {
                        linked.Add((Describe(ordered[rank].Row), $"is #{rank + 1} written, as {people[rank].Name} is #{rank + 1} in {table.Key}"));
                    }
                }
            }
        }

        // The role an answer row carries (issue #16) is a link when fewer than k declared it: the dump's Profiles rows tell.
        var profilePartition = ConcertationBot.Bot.Profiles.ProfileScope.Of("msteams", bed.ConversationId, bed.TeamId).Partition;
        var declaredRoles = dump.Where(r => r.Table == ConcertationBot.Bot.Profiles.ProfileStore.TableName && r.Entity.PartitionKey == profilePartition)
            .Select(r => r.Entity.GetString("Role")).ToList();
        Assert.Equal(partners.Count, declaredRoles.Count);
        Assert.Equal(3, answers.Count(t => t.Row.Entity.GetString(PulseSummaries.RoleField) == "direction"));
        foreach (var target in answers)
        {
            if (target.Row.Entity.GetString(PulseSummaries.RoleField) is { } role && declaredRoles.Count(r => r == role) < PulseSummaries.DefaultMinimumGroupSize)
            {
                linked.Add((Describe(target.Row), $"carries the role '{role}', declared by fewer than {PulseSummaries.DefaultMinimumGroupSize}"));
            }
        }

        var rowsLinked = linked.Select(link => link.Target).Distinct().Count();
        Assert.True(
            linked.Count == 0,
            $"{rowsLinked} of {answers.Count + ballots.Count} answers and ballots linked from a storage dump:\n"
                + string.Join('\n', linked.Distinct().Select(link => $"{link.Target} {link.How}")));
        foreach (var target in answers.Concat(ballots))
        {
            Assert.All(Stored(target.Row.Entity), time => Assert.Equal(TimeSpan.Zero, time.UtcDateTime.TimeOfDay));
        }
    }

    private static async Task FlushAsync(ConversationTestBed bed, string pulseId, string voteId)
    {
        var services = bed.Factory.Services;
        var pulse = await services.GetRequiredService<IPulseStore>().GetAsync("msteams", bed.ConversationId, pulseId, CancellationToken.None);
        await services.GetRequiredService<PulseCardRefresher>().FlushAsync(pulse!, CancellationToken.None);
        await VoteFlows.FlushAsync(bed, voteId);
    }

    /// <summary>Every row of every table of the account, with the server's Timestamp.</summary>
    private static async Task<List<DumpedRow>> DumpAsync(string connectionString)
    {
        var service = new TableServiceClient(connectionString);
        var rows = new List<DumpedRow>();
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var entity in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows.Add(new DumpedRow(table.Name, entity));
            }
        }

        return rows;
    }

    /// <summary>Whether any key or value of the row names the person (user id, Entra id or display name).</summary>
    private static bool Carries(TableEntity entity, TestPerson person)
    {
        var text = new StringBuilder(entity.PartitionKey).Append('\n').Append(entity.RowKey);
        foreach (var (_, value) in entity)
        {
            text.Append('\n').Append(value?.ToString());
        }

        // JSON kept in a row (a masked invoke answer) escapes non-ASCII characters: read it as its strings.
        foreach (var value in entity.Select(pair => pair.Value).OfType<string>().Where(v => v.StartsWith('{') || v.StartsWith('[')))
        {
            try
            {
                text.Append('\n').Append(JsonNode.Parse(value)?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            catch (JsonException)
            {
                // Not JSON after all (or a chunk of a longer body): the raw text is searched.
            }
        }

        var written = Uri.UnescapeDataString(text.ToString());
        return new[] { person.Id, person.AadObjectId, person.Name }.Any(identity => written.Contains(identity, StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<DateTimeOffset> Times(TableEntity entity) =>
        entity.Timestamp is { } timestamp ? Stored(entity).Append(timestamp) : Stored(entity);

    /// <summary>The times a row holds as properties (not the server's Timestamp).</summary>
    private static IEnumerable<DateTimeOffset> Stored(TableEntity entity) =>
        entity.Where(pair => pair.Key != "Timestamp").Select(pair => pair.Value).OfType<DateTimeOffset>();

    private static string Describe(DumpedRow row) => $"{row.Table}/{row.Entity.PartitionKey}/{row.Entity.RowKey}";

    private sealed record DumpedRow(string Table, TableEntity Entity);

    private sealed record Target(DumpedRow Row, TestPerson Author);
}
