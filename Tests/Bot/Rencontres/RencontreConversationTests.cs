using ConcertationBot.Bot.Rencontres;

namespace ConcertationBot.Tests.Bot.Rencontres;

/// <summary>Rencontres over real HTTP <c>/api/messages</c>, a real Azurite and the loopback capture connector.</summary>
public sealed class RencontreConversationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Nbsp = "\u00A0";

    /// <summary>A bed whose clock reads 6 December 2026 (10:00 in Montréal), so dates typed without a year are fixed.</summary>
    private async Task<ConversationTestBed> StartAsync(params TestPerson[] coordinators)
    {
        var clock = new OffsetClock();
        clock.Advance(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero) - TimeProvider.System.GetUtcNow());
        return await ConversationTestBed.StartAsync(azurite.ConnectionString, coordinators.Length == 0 ? [TestPerson.Nadia] : coordinators, time: clock);
    }

    private static async Task<JsonObject> SendAsync(ConversationTestBed bed, TestPerson person, string text)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(person, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await bed.SentCardAsync(before);
    }

    private static Task<RencontreRecord?> CurrentAsync(ConversationTestBed bed) =>
        bed.Factory.Services.GetRequiredService<IRencontreStore>().GetCurrentAsync("msteams", bed.ConversationId, CancellationToken.None);

    private static string Heading(JsonObject card) => (string)card["body"]![0]!["text"]!;

    private static string Text(JsonObject card) => TestActivities.CardText(card).Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private static async Task<TableEntity> ItemRowAsync(string connectionString, string table, ConversationTestBed bed, string id) =>
        Assert.Single(await PulseFlows.RowsAsync(connectionString, table, ConversationKeys.Partition("msteams", bed.ConversationId)), r => r.RowKey == id);

    [Fact]
    public async Task Open_CoordinatorFrenchDateWithoutYear_ConfirmsInTheRencontresWordsAndStoresItAsCurrent()
    {
        // Arrange
        await using var bed = await StartAsync();

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre : Mobilité");

        // Assert
        Assert.Equal("Rencontre du 14 septembre 2026", Heading(card));
        Assert.Contains($"Thématique{Nbsp}: Mobilité", TestActivities.CardText(card), StringComparison.Ordinal);
        var current = await CurrentAsync(bed);
        Assert.NotNull(current);
        Assert.Equal(new DateOnly(2026, 9, 14), current.Date);
        Assert.Equal("Mobilité", current.Theme);
        Assert.Null(current.Intention);
        Assert.Equal(TestPerson.Nadia.Id, current.OpenedByUserId);
        var rows = await PulseFlows.RowsAsync(azurite.ConnectionString, RencontreStore.TableName, ConversationKeys.Partition("msteams", bed.ConversationId));
        Assert.Equal(current.RencontreId, Assert.Single(rows, r => r.RowKey == "current").GetString("RencontreId"));
        Assert.Equal("2026-09-14", Assert.Single(rows, r => r.RowKey == current.RencontreId).GetString("Date"));
    }

    [Fact]
    public async Task Open_CoordinatorEnglish_ConfirmsInEnglish()
    {
        // Arrange
        await using var bed = await StartAsync(TestPerson.Chris);

        // Act
        var card = await SendAsync(bed, TestPerson.Chris, "meeting September 14: Mobility");

        // Assert
        Assert.Equal("Meeting of September 14, 2026", Heading(card));
        Assert.Contains("Theme: Mobility", TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.Equal("Mobility", (await CurrentAsync(bed))!.Theme);
    }

    [Theory]
    [InlineData("rencontre 14 septembre : Mobilité")]
    [InlineData("rencontre intention : Faire ressortir les effets")]
    public async Task Command_NonCoordinator_RefusedAndNothingStored(string command)
    {
        // Arrange
        await using var bed = await StartAsync();

        // Act
        var card = await SendAsync(bed, TestPerson.Amelie, command);

        // Assert
        Assert.Contains("Seule la coordination de la table peut utiliser « rencontre", Text(card), StringComparison.Ordinal);
        Assert.Null(await CurrentAsync(bed));
    }

    [Fact]
    public async Task SetIntention_NonCoordinatorAfterOpen_RefusedAndIntentionUnchanged()
    {
        // Arrange
        await using var bed = await StartAsync();
        await SendAsync(bed, TestPerson.Nadia, "rencontre 14/09/2026 : Mobilité");

        // Act
        var card = await SendAsync(bed, TestPerson.Amelie, "rencontre intention : Autre chose");

        // Assert
        Assert.Contains("rencontre intention", Text(card), StringComparison.Ordinal);
        Assert.Null((await CurrentAsync(bed))!.Intention);
    }

    [Fact]
    public async Task SetIntention_Coordinator_StoresItAndConfirmsWithTheTextAsTyped()
    {
        // Arrange
        await using var bed = await StartAsync();
        await SendAsync(bed, TestPerson.Nadia, "rencontre 2026-09-14 : Mobilité");
        const string intention = "Faire ressortir les **effets** de notre travail : ensemble";

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, "rencontre intention : " + intention);

        // Assert
        Assert.Equal("Intention de la rencontre du 14 septembre 2026", Heading(card));
        Assert.Contains(intention, TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.Equal(intention, (await CurrentAsync(bed))!.Intention);
    }

    [Fact]
    public async Task SetIntention_NoRencontreOpen_PoliteCardAndNothingStored()
    {
        // Arrange
        await using var bed = await StartAsync();

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, "rencontre intention : Faire ressortir les effets");

        // Assert
        Assert.Equal("Aucune rencontre en cours", Heading(card));
        Assert.Contains("ouvrez-en une d'abord", Text(card), StringComparison.Ordinal);
        Assert.Null(await CurrentAsync(bed));
        Assert.Empty(await PulseFlows.RowsAsync(azurite.ConnectionString, RencontreStore.TableName, ConversationKeys.Partition("msteams", bed.ConversationId)));
    }

    [Fact]
    public async Task SetIntention_OverTheLimit_PoliteCardGivesTheTextBackAndKeepsTheOldIntention()
    {
        // Arrange
        await using var bed = await StartAsync();
        await SendAsync(bed, TestPerson.Nadia, "rencontre 14/09/2026 : Mobilité");
        await SendAsync(bed, TestPerson.Nadia, "rencontre intention : Première intention");
        var overLong = new string('é', 501);

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, "rencontre intention : " + overLong);

        // Assert
        Assert.Equal("Intention trop longue", Heading(card));
        Assert.Contains("501 caractères ; 500 au plus. Rien n'a été enregistré.", Text(card), StringComparison.Ordinal);
        Assert.Contains(overLong, TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.Equal("Première intention", (await CurrentAsync(bed))!.Intention);
    }

    [Theory]
    [InlineData("rencontre 31/02 : Mobilité", "31/02")]
    [InlineData("rencontre 13/13 : Mobilité", "13/13")]
    [InlineData("rencontre **n'importe** quoi : Mobilité", "**n'importe** quoi")]
    public async Task Open_InvalidDate_HelpCardRepeatsTheTypedDateAsDataAndNothingStored(string command, string typed)
    {
        // Arrange
        await using var bed = await StartAsync();

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, command);

        // Assert
        Assert.Equal("Date non comprise", Heading(card));
        var runs = CardJson.TextRuns(card).Select(r => r.Replace('\u00A0', ' ')).ToList();
        Assert.Contains($"Je n'ai pas compris la date « {typed} » (ou ce jour n'existe pas).", runs);
        Assert.Contains("14/09/2026", Text(card), StringComparison.Ordinal);
        Assert.Null(await CurrentAsync(bed));
    }

    [Fact]
    public async Task Open_NoColon_HelpCardAndNothingStored()
    {
        // Arrange
        await using var bed = await StartAsync();

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre Mobilité");

        // Assert
        Assert.Equal("Thématique manquante", Heading(card));
        Assert.Contains("Vous avez écrit : « 14 septembre Mobilité »", Text(card), StringComparison.Ordinal);
        Assert.Null(await CurrentAsync(bed));
    }

    [Fact]
    public async Task Show_NoneOpen_SaysSoAndHowToOpenOne()
    {
        // Arrange
        await using var bed = await StartAsync();

        // Act
        var card = await SendAsync(bed, TestPerson.Amelie, "rencontre");

        // Assert
        Assert.Equal("Aucune rencontre en cours", Heading(card));
        Assert.Contains("rencontre 14 septembre : Mobilité", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_NonCoordinatorAfterOpenIntentionPulseAndVote_ShowsItWithCounts()
    {
        // Arrange
        await using var bed = await StartAsync();
        await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre : Mobilité");
        await SendAsync(bed, TestPerson.Nadia, "rencontre intention : Mieux définir, ensemble, le prochain plan");
        await PulseFlows.OpenAsync(bed);
        await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité");

        // Act
        var card = await SendAsync(bed, TestPerson.Amelie, "rencontre");

        // Assert
        Assert.Equal("Rencontre du 14 septembre 2026", Heading(card));
        var text = Text(card);
        Assert.Contains("Thématique : Mobilité", text, StringComparison.Ordinal);
        Assert.Contains("Mieux définir, ensemble, le prochain plan", text, StringComparison.Ordinal);
        Assert.Contains("Pouls : 1 · Votes : 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_EnglishSpeakerAfterAFrenchOpening_DateWrittenOutInEnglish()
    {
        // Arrange
        await using var bed = await StartAsync();
        await SendAsync(bed, TestPerson.Nadia, "rencontre 1er octobre : Mobilité");

        // Act
        var card = await SendAsync(bed, TestPerson.Chris, "meeting");

        // Assert
        Assert.Equal("Meeting of October 1, 2026", Heading(card));
        var text = Text(card);
        Assert.Contains("Theme: Mobilité", text, StringComparison.Ordinal);
        Assert.Contains("No purpose stated yet.", text, StringComparison.Ordinal);
        Assert.Contains("Pulses: 0 · Votes: 0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ThemeOverTheLimit_PoliteCardGivesTheThemeBackAndNothingStored()
    {
        // Arrange
        await using var bed = await StartAsync();
        var theme = new string('m', 201);

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre : " + theme);

        // Assert
        Assert.Equal("Thématique trop longue", Heading(card));
        Assert.Contains("201 caractères ; 200 au plus.", Text(card), StringComparison.Ordinal);
        Assert.Contains(theme, TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.Null(await CurrentAsync(bed));
    }

    [Fact]
    public async Task OpenPulseAndVote_AfterTheRencontre_CarryItsIdInStorage()
    {
        // Arrange
        await using var bed = await StartAsync();
        await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre : Mobilité");
        var rencontreId = (await CurrentAsync(bed))!.RencontreId;

        // Act
        var pulseId = await PulseFlows.OpenAsync(bed);
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité");

        // Assert
        Assert.Equal(rencontreId, (await ItemRowAsync(azurite.ConnectionString, PulseStore.PulsesTable, bed, pulseId)).GetString("RencontreId"));
        Assert.Equal(rencontreId, (await ItemRowAsync(azurite.ConnectionString, VoteStore.VotesTable, bed, voteId)).GetString("RencontreId"));
        Assert.Equal(rencontreId, (await VoteFlows.StoredAsync(bed, voteId))!.RencontreId);
    }

    [Fact]
    public async Task OpenPulse_NoRencontreOpen_StoredWithoutRencontreId()
    {
        // Arrange
        await using var bed = await StartAsync();

        // Act
        var pulseId = await PulseFlows.OpenAsync(bed);

        // Assert
        Assert.Null((await ItemRowAsync(azurite.ConnectionString, PulseStore.PulsesTable, bed, pulseId)).GetString("RencontreId"));
    }

    [Fact]
    public async Task Open_SecondRencontre_ReplacesTheCurrentOneAndLaterItemsBelongToIt()
    {
        // Arrange
        await using var bed = await StartAsync();
        await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre : Mobilité");
        var first = (await CurrentAsync(bed))!.RencontreId;
        var pulseId = await PulseFlows.OpenAsync(bed);

        // Act
        var confirmation = await SendAsync(bed, TestPerson.Nadia, "rencontre 12 octobre : Logement");
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité");
        var shown = await SendAsync(bed, TestPerson.Bruno, "rencontre");

        // Assert
        var second = await CurrentAsync(bed);
        Assert.NotNull(second);
        Assert.NotEqual(first, second.RencontreId);
        Assert.Equal("Logement", second.Theme);
        Assert.Equal("Rencontre du 12 octobre 2026", Heading(confirmation));
        Assert.Contains("Elle remplace la rencontre du 14 septembre 2026", Text(confirmation), StringComparison.Ordinal);
        Assert.Equal(first, (await ItemRowAsync(azurite.ConnectionString, PulseStore.PulsesTable, bed, pulseId)).GetString("RencontreId"));
        Assert.Equal(second.RencontreId, (await ItemRowAsync(azurite.ConnectionString, VoteStore.VotesTable, bed, voteId)).GetString("RencontreId"));
        Assert.Equal("Rencontre du 12 octobre 2026", Heading(shown));
        Assert.Contains("Pouls : 0 · Votes : 1", Text(shown), StringComparison.Ordinal);
        var rows = await PulseFlows.RowsAsync(azurite.ConnectionString, RencontreStore.TableName, ConversationKeys.Partition("msteams", bed.ConversationId));
        Assert.Equal(3, rows.Count);
    }
}
