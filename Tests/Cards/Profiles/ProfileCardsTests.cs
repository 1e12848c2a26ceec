using ConcertationBot.Cards.Profiles;

namespace ConcertationBot.Tests.Cards.Profiles;

public sealed class ProfileCardsTests
{
    private static ProfileCardModel Model(Language language, ProfileCategory? category = null, ProfileRole? role = null, bool inTeam = true, bool isShared = false) => new()
    {
        Language = language,
        Category = category,
        Role = role,
        InTeam = inTeam,
        IsShared = isShared,
    };

    private static List<(string Title, string Value)> Choices(JsonNode card, string inputId) =>
        [.. CardJson.Input(card, inputId)["choices"]!.AsArray().Select(c => ((string)c!["title"]!, (string)c["value"]!))];

    [Fact]
    public void Form_French_OffersEveryCategoryThenTheOptionalRoleWithStableCodes()
    {
        // Act
        var json = CardJson.Of(ProfileCards.Form(Model(Language.French)));

        // Assert
        Assert.Equal("Mon profil à la table", (string?)json["body"]![0]!["text"]);
        Assert.Equal(
            [
                ("Organisme communautaire", "communautaire"),
                ("Institution publique (santé)", "institution-sante"),
                ("Institution publique (éducation)", "institution-education"),
                ("Institution publique (municipal)", "institution-municipale"),
                ("Citoyen·ne / résident·e", "citoyen"),
                ("Bailleur de fonds", "bailleur"),
                ("Élu·e", "elu"),
                ("Autre", "autre"),
            ],
            Choices(json, CardDataFields.ProfileCategory));
        Assert.Equal(
            [("Direction / coordination", "direction"), ("Équipe terrain", "terrain"), ("Je préfère ne pas préciser", "aucun")],
            Choices(json, CardDataFields.ProfileRole));
        var category = CardJson.Input(json, CardDataFields.ProfileCategory);
        Assert.True((bool?)category["isRequired"]);
        Assert.Equal("expanded", (string?)category["style"]);
        Assert.Null(CardJson.Input(json, CardDataFields.ProfileRole)["isRequired"]);
        var save = Assert.Single(CardJson.Actions(json));
        Assert.Equal(CardVerbs.ProfileSave, (string?)save["verb"]);
        Assert.Equal("Enregistrer", (string?)save["title"]);
        Assert.Equal("1.5", (string?)json["version"]);
    }

    [Fact]
    public void Form_English_TheSameCodesInEnglishWords()
    {
        // Act
        var json = CardJson.Of(ProfileCards.Form(Model(Language.English)));

        // Assert
        Assert.Equal("My profile at the table", (string?)json["body"]![0]!["text"]);
        var categories = Choices(json, CardDataFields.ProfileCategory);
        Assert.Equal(("Public institution (health)", "institution-sante"), categories[1]);
        Assert.Equal(("Citizen / resident", "citoyen"), categories[4]);
        Assert.Equal(("Frontline team", "terrain"), Choices(json, CardDataFields.ProfileRole)[1]);
        Assert.Equal("Save", (string?)Assert.Single(CardJson.Actions(json))["title"]);
        Assert.Contains("profile delete", CardJson.TextBlocks(json));
    }

    [Fact]
    public void Form_SavedProfile_PreSelectsItsCodes()
    {
        // Act
        var json = CardJson.Of(ProfileCards.Form(Model(Language.French, ProfileCategory.PublicMunicipal, ProfileRole.Frontline)));

        // Assert
        Assert.Equal("institution-municipale", (string?)CardJson.Input(json, CardDataFields.ProfileCategory)["value"]);
        Assert.Equal("terrain", (string?)CardJson.Input(json, CardDataFields.ProfileRole)["value"]);
    }

    [Fact]
    public void Form_Shared_NeverPreSelectedAndOffersEachPersonTheirOwn()
    {
        // Act: even given a saved profile, a form everyone sees shows nobody's choice.
        var json = CardJson.Of(ProfileCards.Form(Model(Language.French, ProfileCategory.Funder, ProfileRole.Management, isShared: true)));

        // Assert
        Assert.Null(CardJson.Input(json, CardDataFields.ProfileCategory)["value"]);
        Assert.Null(CardJson.Input(json, CardDataFields.ProfileRole)["value"]);
        Assert.Equal([CardVerbs.ProfileSave, CardVerbs.ProfileEdit], CardJson.Actions(json).Select(a => (string?)a["verb"]));
        Assert.Equal("Voir mon profil", (string?)CardJson.Actions(json)[1]["title"]);
        Assert.Contains("Chaque personne qui envoie ce formulaire enregistre son propre profil ; personne d'autre ne voit son choix.".Replace(" ;", "\u202F;", StringComparison.Ordinal), CardJson.TextBlocks(json));
    }

    [Theory]
    [InlineData(true, "Il vaut pour toute l'équipe.")]
    [InlineData(false, "Il vaut pour cette conversation seulement (elle n'est dans aucune équipe).")]
    public void Form_Place_SaysWhereTheProfileAppliesAndHowToDeleteIt(bool inTeam, string start)
    {
        // Act
        var json = CardJson.Of(ProfileCards.Form(Model(Language.French, inTeam: inTeam)));

        // Assert
        Assert.Contains(CardJson.TextBlocks(json), t => t.StartsWith(start, StringComparison.Ordinal));
        Assert.Contains("profil effacer", CardJson.TextBlocks(json));
    }

    [Fact]
    public void Form_MinimumGroupSize_SaysProfilesUnderKAreNotShown()
    {
        // Act
        var json = CardJson.Of(ProfileCards.Form(Model(Language.English) with { MinimumGroupSize = 5 }));

        // Assert
        Assert.Contains(CardJson.TextBlocks(json), t => t.Contains("never who", StringComparison.Ordinal) && t.Contains("fewer than 5 people is not shown", StringComparison.Ordinal));
    }

    [Fact]
    public void Saved_CategoryAndRole_ShownWithModifier()
    {
        // Act
        var json = CardJson.Of(ProfileCards.Saved(Model(Language.French, ProfileCategory.Citizen, ProfileRole.Management)));

        // Assert
        Assert.Equal("Profil enregistré", (string?)json["body"]![0]!["text"]);
        var facts = CardJson.OfType(json, "FactSet").Single()["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!));
        Assert.Equal([("Catégorie", "Citoyen·ne / résident·e"), ("Rôle", "Direction / coordination")], facts);
        var change = Assert.Single(CardJson.Actions(json));
        Assert.Equal(CardVerbs.ProfileEdit, (string?)change["verb"]);
        Assert.Equal("Modifier", (string?)change["title"]);
        Assert.Equal("none", (string?)change["associatedInputs"]);
    }

    [Fact]
    public void Saved_NoRoleEnglish_SaysNotStated()
    {
        // Act
        var json = CardJson.Of(ProfileCards.Saved(Model(Language.English, ProfileCategory.PublicEducation)));

        // Assert
        var facts = CardJson.OfType(json, "FactSet").Single()["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!));
        Assert.Equal([("Category", "Public institution (education)"), ("Role", "Not stated")], facts);
        Assert.Equal("Change", (string?)Assert.Single(CardJson.Actions(json))["title"]);
    }

    [Fact]
    public void Saved_NoCategory_Throws() =>
        Assert.Throws<ArgumentException>(() => ProfileCards.Saved(Model(Language.French)));

    [Fact]
    public void Deleted_ExistedOrNot_SaysWhichAndHowToDeclare()
    {
        // Act
        var deleted = CardJson.Of(ProfileCards.Deleted(Language.French, existed: true, inTeam: true));
        var none = CardJson.Of(ProfileCards.Deleted(Language.English, existed: false, inTeam: false));

        // Assert
        Assert.Equal("Profil effacé", (string?)deleted["body"]![0]!["text"]);
        Assert.Contains("Votre profil a été effacé de cette équipe.", CardJson.TextBlocks(deleted));
        Assert.Equal("No profile", (string?)none["body"]![0]!["text"]);
        Assert.Contains("profile", CardJson.TextBlocks(none));
    }

    [Fact]
    public void NotSaved_French_PoliteNothingSavedAndOffersTheFormAgain()
    {
        // Act
        var json = CardJson.Of(ProfileCards.NotSaved(Language.French));

        // Assert
        Assert.Equal("Profil non enregistré", (string?)json["body"]![0]!["text"]);
        Assert.Contains(CardJson.TextBlocks(json), t => t.Contains("rien n'a été enregistré", StringComparison.Ordinal));
        Assert.Equal(CardVerbs.ProfileEdit, (string?)Assert.Single(CardJson.Actions(json))["verb"]);
    }
}
