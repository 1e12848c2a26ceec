namespace ConcertationBot.Tests.Cards.Summary;

/// <summary>The participation by profile on the summary card (issue #16).</summary>
public sealed class ProfileParticipationCardTests
{
    [Fact]
    public void Build_Profiles_OneFactPerCategoryRightUnderTheParticipation()
    {
        // Act
        var card = CardJson.Of(PulseSummaryCard.Build(SummaryCardFixtures.TwelveWithProfiles(Language.French)));

        // Assert
        var body = card["body"]!.AsArray();
        Assert.Equal("12 réponses sur 12 membres (100\u00A0%)", (string?)body[3]!["text"]);
        Assert.Equal("Participation par profil (réponses / membres)", (string?)body[4]!["text"]);
        var facts = body[5]!["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();
        Assert.Equal(
            [
                ("Organisme communautaire", "5 / 6"),
                ("Institution publique (santé)", "moins de 3"),
                ("Institution publique (éducation)", "3 / 3"),
                ("Institution publique (municipal)", "moins de 3"),
                ("Citoyen·ne / résident·e", "4 / 9"),
                ("Bailleur de fonds", "moins de 3"),
                ("Élu·e", "moins de 3"),
                ("Autre", "moins de 3"),
            ],
            facts);
    }

    [Fact]
    public void Build_EnglishProfiles_FewerThanK()
    {
        // Act
        var card = CardJson.Of(PulseSummaryCard.Build(SummaryCardFixtures.TwelveWithProfiles(Language.English)));

        // Assert
        var facts = card["body"]![5]!["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();
        Assert.Equal(("Public institution (health)", "fewer than 3"), facts[1]);
        Assert.Equal(("Citizen / resident", "4 / 9"), facts[4]);
    }

    [Fact]
    public void Build_NoProfiles_NoProfileLines()
    {
        // Act
        var card = CardJson.Of(PulseSummaryCard.Build(SummaryCardFixtures.Twelve(Language.French)));

        // Assert
        Assert.DoesNotContain(CardJson.TextBlocks(card), t => t.StartsWith("Participation par profil", StringComparison.Ordinal));
    }
}
