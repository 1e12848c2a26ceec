using ConcertationBot.Bot.Profiles;
namespace ConcertationBot.Tests.Bot.Profiles;

/// <summary>
/// The declared role on answer rows (issue #16) over real HTTP <c>/api/messages</c> and a real Azurite: a row carries
/// its respondent's role only when at least k members of the team declared that role when the answer was sent, and the
/// summary shows role clarity by group only when both groups reached k.
/// </summary>
public sealed class AnswerRoleStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int K = 3;
    private const string RoleField = PulseSummaries.RoleField;

    [Fact]
    public async Task Submit_ThreeDirectionOneTerrain_NoStoredRoleUnderKThenRowsKeepTheirRoleAfterADrop()
    {
        // Arrange: three "direction / coordination", one "équipe terrain" (a lone role would point at its holder).
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var dana = new TestPerson("29:dana-role", "Dana Okafor", Guid.NewGuid().ToString(), "fr-CA");
        TestPerson[] members = [TestPerson.Nadia, TestPerson.Amelie, TestPerson.Bruno, dana];
        bed.Connector.Roster.AddRange(members.Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        await DeclareAsync(bed, (TestPerson.Nadia, "direction"), (TestPerson.Amelie, "direction"), (TestPerson.Bruno, "direction"), (dana, "terrain"));
        var pulseId = await PulseFlows.OpenAsync(bed);

        // Act: Nadia, Amelie and Dana answer; then Amelie deletes her profile ("direction" drops to two) and Bruno answers.
        foreach (var person in new[] { TestPerson.Nadia, TestPerson.Amelie, dana })
        {
            await PulseFlows.AnswerAsync(bed, person, pulseId, PulseFlows.Rating("4"));
        }

        var beforeDrop = await DumpAsync(bed, pulseId);
        using (var deleted = await bed.PostAsync(bed.ChannelMessage(TestPerson.Amelie, "profil effacer")))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await PulseFlows.AnswerAsync(bed, TestPerson.Bruno, pulseId, PulseFlows.Rating("2"));
        var afterDrop = await DumpAsync(bed, pulseId);

        // Assert: when the three first answers were stored, every role on a row had at least k declared members.
        Assert.Equal(3, beforeDrop.Answers.Count);
        Assert.All(beforeDrop.Answers.Where(a => a.ContainsKey(RoleField)), a =>
            Assert.True(beforeDrop.Declared.Count(d => d == (string)a[RoleField]) >= K, $"a row carries '{a[RoleField]}', declared by fewer than {K}"));
        Assert.Equal(["direction", "direction", null], Roles(beforeDrop.Answers, members[..2].Append(dana), bed, pulseId));

        // The rows written before the drop keep their role; Bruno's, sent with two declared, carries none.
        Assert.Equal(2, afterDrop.Declared.Count(d => d == "direction"));
        Assert.Equal(["direction", "direction", null, null], Roles(afterDrop.Answers, [TestPerson.Nadia, TestPerson.Amelie, dana, TestPerson.Bruno], bed, pulseId));

        // And the summary shows no role group (terrain never reached k), nor any hint of it.
        var summaryAt = bed.Posts.Count;
        using var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore"));
        var text = TestActivities.CardText(await bed.SentCardAsync(summaryAt));
        Assert.Contains("Synthèse du pouls", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Moyenne par groupe", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Équipe terrain", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_ThreeDirectionThreeTerrainAnswered_SummaryShowsRoleClarityByGroup()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var others = Enumerable.Range(0, 3).Select(i => new TestPerson($"29:terrain-{i}", $"Terrain {i}", Guid.NewGuid().ToString(), "fr-CA")).ToList();
        TestPerson[] direction = [TestPerson.Nadia, TestPerson.Amelie, TestPerson.Bruno];
        bed.Connector.Roster.AddRange(direction.Concat(others).Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        await DeclareAsync(bed, [.. direction.Select(p => (p, "direction")), .. others.Select(p => (p, "terrain"))]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        foreach (var (person, rating) in direction.Select(p => (p, "5")).Concat(others.Select((p, i) => (p, i == 0 ? "3" : "2"))))
        {
            await PulseFlows.AnswerAsync(bed, person, pulseId, PulseFlows.Rating(rating));
        }

        // Act
        var summaryAt = bed.Posts.Count;
        using var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore"));
        var summary = await bed.SentCardAsync(summaryAt);

        // Assert
        var dump = await DumpAsync(bed, pulseId);
        Assert.Equal(3, dump.Answers.Count(a => a.GetString(RoleField) == "direction"));
        Assert.Equal(3, dump.Answers.Count(a => a.GetString(RoleField) == "terrain"));
        var roleClarity = summary["body"]!.AsArray().OfType<JsonObject>().First(e => (string?)e["type"] == "Container")["items"]!.AsArray();
        var at = roleClarity.Select(i => (string?)i!["text"]).ToList().IndexOf("Moyenne par groupe");
        Assert.True(at > 0, "no role group under role clarity: " + TestActivities.CardText(summary));
        var facts = roleClarity[at + 1]!["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();
        Assert.Equal([("Direction / coordination", "5,0 / 5 (3 réponses)"), ("Équipe terrain", "2,3 / 5 (3 réponses)")], facts);
    }

    [Fact]
    public async Task Submit_PulseWithoutParticipationByProfile_NoRoleOnAnyRow()
    {
        // Arrange: three declared "direction", but the coordinator chose no participation by profile for the pulse.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        TestPerson[] direction = [TestPerson.Nadia, TestPerson.Amelie, TestPerson.Bruno];
        await DeclareAsync(bed, [.. direction.Select(p => (p, "direction"))]);
        var setupAt = bed.Posts.Count;
        using (var setup = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pouls configurer")))
        {
            Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        }

        await bed.SentCardAsync(setupAt);
        var form = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Nadia, CardVerbs.PulseSetupShow, [], replyToId: "setup-card", trigger: "automatic"));
        var inputs = PulseFlows.StepIds.ToDictionary(step => CardDataFields.SetupStepPrefix + step, _ => "true");
        inputs[CardDataFields.SetupDuration] = "48";
        inputs[CardDataFields.SetupProfiles] = "false";
        var openAt = bed.Posts.Count;
        await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.PulseSetupOpen, inputs);
        var pulseId = (string)ConversationTestBed.FindAction(await bed.SentCardAsync(openAt), CardVerbs.PulseOpen)!["data"]![CardDataFields.PulseId]!;

        // Act
        foreach (var person in direction)
        {
            await PulseFlows.AnswerAsync(bed, person, pulseId, PulseFlows.Rating("4"));
        }

        // Assert
        var dump = await DumpAsync(bed, pulseId);
        Assert.Equal(3, dump.Declared.Count(d => d == "direction"));
        Assert.Equal(3, dump.Answers.Count);
        Assert.All(dump.Answers, a => Assert.False(a.ContainsKey(RoleField)));
    }

    private static async Task DeclareAsync(ConversationTestBed bed, params (TestPerson Person, string Role)[] declared)
    {
        foreach (var (person, role) in declared)
        {
            await bed.InvokeForCardAsync(bed.Invoke(
                person,
                CardVerbs.ProfileSave,
                new JsonObject { [CardDataFields.ProfileCategory] = "communautaire", [CardDataFields.ProfileRole] = role },
                replyToId: "profile-card"));
        }
    }

    /// <summary>The pulse's answer rows (their properties) and the declared roles of the team, as storage holds them.</summary>
    private async Task<(List<TableEntity> Answers, List<string?> Declared)> DumpAsync(ConversationTestBed bed, string pulseId)
    {
        var answers = await PulseFlows.RowsAsync(azurite.ConnectionString, PulseStore.AnswersTable, pulseId);
        var profiles = await PulseFlows.RowsAsync(azurite.ConnectionString, ProfileStore.TableName, ProfileScope.Of("msteams", bed.ConversationId, bed.TeamId).Partition);
        return (answers, [.. profiles.Select(p => p.GetString("Role"))]);
    }

    /// <summary>The role on each person's row, in the given order (the test holds the hash key; storage alone does not).</summary>
    private static List<string?> Roles(List<TableEntity> answers, IEnumerable<TestPerson> people, ConversationTestBed bed, string pulseId)
    {
        var keys = bed.Factory.Services.GetRequiredService<IRespondentKeys>();
        return [.. people.Select(p => answers.Single(a => a.RowKey == keys.ForPulse(pulseId, p.AadObjectId)).GetString(RoleField))];
    }
}
