namespace ConcertationBot.Tests.Bot.Profiles;

/// <summary>
/// Participation by profile on the pulse summary (issue #16) over real HTTP <c>/api/messages</c>, a real Azurite and
/// the loopback capture connector: who answered is derived from the keys when the pulse closes, never stored.
/// </summary>
public sealed class ProfileParticipationSummaryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TestPerson Dana = new("29:dana", "Dana Okafor", "3d915f40-ae42-4d88-b031-5eaf216c7d43", "fr-CA");

    [Fact]
    public async Task Close_FiveMembersTwoDeclaredProfilesOneUndeclared_SummaryShowsEachProfileWithTheKRule()
    {
        // Arrange: three community workers, one citizen, one member without a profile; all but Dana answer.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        TestPerson[] members = [TestPerson.Nadia, TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris, Dana];
        bed.Connector.Roster.AddRange(members.Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        foreach (var (person, category) in new[] { (TestPerson.Nadia, "communautaire"), (TestPerson.Amelie, "communautaire"), (TestPerson.Bruno, "communautaire"), (TestPerson.Chris, "citoyen") })
        {
            var saved = await bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.ProfileSave, new JsonObject { [CardDataFields.ProfileCategory] = category }, replyToId: "profile-card"));
            Assert.Contains("Profil", (string?)saved["body"]![0]!["text"], StringComparison.Ordinal);
        }

        var pulseId = await PulseFlows.OpenAsync(bed);
        foreach (var person in members[..4])
        {
            await PulseFlows.AnswerAsync(bed, person, pulseId, PulseFlows.Rating("4"));
        }

        // Act
        var summaryAt = bed.Posts.Count;
        using var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore"));
        var summary = await bed.SentCardAsync(summaryAt);

        // Assert
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var body = summary["body"]!.AsArray();
        Assert.Equal("4 réponses sur 5 membres (80\u00A0%)", (string?)body[3]!["text"]);
        Assert.Equal("Participation par profil (réponses / membres)", (string?)body[4]!["text"]);
        var lines = body[5]!["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();
        Assert.Equal([("Organisme communautaire", "3 / 3"), ("Citoyen·ne / résident·e", "moins de 3")], lines);

        // What the summary keeps: the shown cell and no count for the category under k.
        var kept = await bed.Factory.Services.GetRequiredService<IBotStateStore>()
            .ReadAsync(PulseStateKeys.Summary(pulseId), PulseSummaryJsonContext.Default.PulseSummary, CancellationToken.None);
        Assert.Equal([new ProfileParticipation("communautaire", 3, 3), new ProfileParticipation("citoyen", null, null)], kept!.Value.Profiles);
    }

    [Fact]
    public async Task Close_NobodyDeclaredAProfile_NoProfileLines()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], ConversationTestBed.EveryTextShown);
        bed.Connector.Roster.AddRange(new[] { TestPerson.Nadia, TestPerson.Amelie }.Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, PulseFlows.Rating("3"));

        // Act
        var summaryAt = bed.Posts.Count;
        using var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore"));
        var text = TestActivities.CardText(await bed.SentCardAsync(summaryAt));

        // Assert
        Assert.Contains("1 réponse sur 2 membres", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Participation par profil", text, StringComparison.Ordinal);
    }
}
