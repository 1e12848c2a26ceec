using System.Globalization;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Profiles;

/// <summary>
/// A profile as its cards show it. <see cref="InTeam"/>: the profile is the team's (else it belongs to this conversation
/// only, a chat outside any team). <see cref="IsShared"/>: the form is posted in a channel or group chat, where everyone
/// sees it, so it is never pre-filled and offers "Voir mon profil" (each clicker gets their own form).
/// </summary>
public sealed record ProfileCardModel
{
    public required Language Language { get; init; }

    public ProfileCategory? Category { get; init; }

    public ProfileRole? Role { get; init; }

    public bool InTeam { get; init; }

    public bool IsShared { get; init; }

    /// <summary>k: a profile counted by fewer people is never shown.</summary>
    public int MinimumGroupSize { get; init; } = 3;
}

/// <summary>The cards of <c>profil</c> / <c>profile</c>: the form, the saved profile, its deletion, and a refused form.</summary>
public static class ProfileCards
{
    private static readonly Localized FormHeading = new("Mon profil à la table", "My profile at the table");
    private static readonly Localized FormQuestion = new("Comment participez-vous à la table ?", "How do you take part in the table?");
    private static readonly Localized CategoryLabel = new("Je participe comme", "I take part as");
    private static readonly Localized CategoryError = new("Choisissez une catégorie.", "Choose a category.");
    private static readonly Localized RoleLabel = new("Mon rôle (facultatif)", "My role (optional)");
    private static readonly Localized WhatFor = new(
        "Votre profil sert seulement à voir l'équilibre de la participation : combien ont répondu, par profil, jamais qui. Il n'est jamais montré à côté de vos réponses ni avec votre nom, et un profil compté par moins de {0} personnes n'est pas affiché.",
        "Your profile is only used to see the balance of participation: how many answered, by profile, never who. It is never shown next to your answers or with your name, and a profile counted by fewer than {0} people is not shown.");
    private static readonly Localized SharedNote = new(
        "Chaque personne qui envoie ce formulaire enregistre son propre profil ; personne d'autre ne voit son choix.",
        "Everyone who sends this form saves their own profile; nobody else sees their choice.");
    private static readonly Localized TeamPlace = new(
        "Il vaut pour toute l'équipe. Vous pouvez le modifier quand vous voulez, ou l'effacer :",
        "It applies to the whole team. You can change it at any time, or delete it:");
    private static readonly Localized ConversationPlace = new(
        "Il vaut pour cette conversation seulement (elle n'est dans aucune équipe). Vous pouvez le modifier quand vous voulez, ou l'effacer :",
        "It applies to this conversation only (it belongs to no team). You can change it at any time, or delete it:");
    private static readonly Localized DeleteCommand = new("profil effacer", "profile delete");
    private static readonly Localized Save = new("Enregistrer", "Save");
    private static readonly Localized SeeMine = new("Voir mon profil", "See my profile");

    private static readonly Localized SavedHeading = new("Profil enregistré", "Profile saved");
    private static readonly Localized CategoryFact = new("Catégorie", "Category");
    private static readonly Localized RoleFact = new("Rôle", "Role");
    private static readonly Localized RoleNotStated = new("Non précisé", "Not stated");
    private static readonly Localized Change = new("Modifier", "Change");

    private static readonly Localized DeletedHeading = new("Profil effacé", "Profile deleted");
    private static readonly Localized DeletedTeam = new("Votre profil a été effacé de cette équipe.", "Your profile was deleted from this team.");
    private static readonly Localized DeletedConversation = new("Votre profil a été effacé de cette conversation.", "Your profile was deleted from this conversation.");
    private static readonly Localized NoneHeading = new("Aucun profil", "No profile");
    private static readonly Localized NoneText = new("Vous n'aviez pas de profil enregistré ici : rien à effacer.", "You had no profile saved here: nothing to delete.");
    private static readonly Localized DeclareHint = new("Pour en déclarer un :", "To declare one:");
    private static readonly Localized DeclareCommand = new("profil", "profile");

    private static readonly Localized NotSavedHeading = new("Profil non enregistré", "Profile not saved");
    private static readonly Localized NotSavedText = new(
        "Ce choix n'a pas été reconnu, donc rien n'a été enregistré. Reprenez le formulaire et choisissez une catégorie parmi celles proposées.",
        "This choice was not recognized, so nothing was saved. Open the form again and choose one of the categories offered.");
    private static readonly Localized TryAgain = new("Reprendre le formulaire", "Open the form again");

    /// <summary>
    /// The form: the category (required) and the role (optional), pre-filled with <see cref="ProfileCardModel.Category"/>
    /// and <see cref="ProfileCardModel.Role"/> unless it is shared, then what the profile is for and where it applies.
    /// </summary>
    public static AdaptiveCard Form(ProfileCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var heading = FormHeading.For(language);

        // A shared form is seen by everyone: it never shows anyone's saved choice.
        var category = model.IsShared ? null : model.Category;
        var role = model.IsShared ? null : model.Role;
        var body = new List<CardElement>
        {
            CardBlocks.Heading(heading, TextSize.Medium),
            CardBlocks.Paragraph(FormQuestion.For(language)),
            new ChoiceSetInput
            {
                Id = CardDataFields.ProfileCategory,
                Label = CategoryLabel.For(language),
                IsRequired = true,
                ErrorMessage = CategoryError.For(language),
                Style = ChoiceSetStyle.Expanded,
                Choices = [.. ProfileChoices.AllCategories.Select(c => new Choice(ProfileChoices.Label(c, language), ProfileChoices.Code(c)))],
                Value = category is { } c ? ProfileChoices.Code(c) : null,
                Spacing = CardSpacing.Medium,
            },
            new ChoiceSetInput
            {
                Id = CardDataFields.ProfileRole,
                Label = RoleLabel.For(language),
                Style = ChoiceSetStyle.Expanded,
                Choices =
                [
                    .. ProfileChoices.AllRoles.Select(r => new Choice(ProfileChoices.Label(r, language), ProfileChoices.Code(r))),
                    new Choice(ProfileChoices.RoleNotStatedLabel(language), ProfileChoices.RoleNotStatedCode),
                ],
                Value = role is { } r ? ProfileChoices.Code(r) : null,
                Spacing = CardSpacing.Medium,
            },
            Small(WhatFor.Format(language, model.MinimumGroupSize.ToString(CultureInfo.InvariantCulture))),
        };
        if (model.IsShared)
        {
            body.Add(Small(SharedNote.For(language)));
        }

        body.Add(Small((model.InTeam ? TeamPlace : ConversationPlace).For(language)));
        body.Add(CardBlocks.Command(DeleteCommand.For(language)));

        List<CardAction> actions =
        [
            new ExecuteAction { Title = Save.For(language), Verb = CardVerbs.ProfileSave, AssociatedInputs = "auto", Style = ActionStyle.Positive },
        ];
        if (model.IsShared)
        {
            actions.Add(new ExecuteAction { Title = SeeMine.For(language), Verb = CardVerbs.ProfileEdit, AssociatedInputs = "none" });
        }

        return new AdaptiveCard { FallbackText = heading, Body = body, Actions = actions };
    }

    /// <summary>The clicker's saved profile (their own view), with "Modifier".</summary>
    public static AdaptiveCard Saved(ProfileCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Category is not { } category)
        {
            throw new ArgumentException("A saved profile has a category.", nameof(model));
        }

        var language = model.Language;
        return CardBlocks.Notice(
            SavedHeading.For(language),
            [
                new FactSet
                {
                    Spacing = CardSpacing.Small,
                    Facts =
                    [
                        new Fact(CategoryFact.For(language), ProfileChoices.Label(category, language)),
                        new Fact(RoleFact.For(language), model.Role is { } role ? ProfileChoices.Label(role, language) : RoleNotStated.For(language)),
                    ],
                },
                Small(WhatFor.Format(language, model.MinimumGroupSize.ToString(CultureInfo.InvariantCulture))),
                Small((model.InTeam ? TeamPlace : ConversationPlace).For(language)),
                CardBlocks.Command(DeleteCommand.For(language)),
            ],
            [new ExecuteAction { Title = Change.For(language), Verb = CardVerbs.ProfileEdit, AssociatedInputs = "none" }]);
    }

    /// <summary><c>profil effacer</c>: the profile was deleted, or there was none here.</summary>
    public static AdaptiveCard Deleted(Language language, bool existed, bool inTeam)
    {
        if (!existed)
        {
            return CardBlocks.Notice(
                NoneHeading.For(language),
                [CardBlocks.Paragraph(NoneText.For(language)), new TextBlock { Text = DeclareHint.For(language), Spacing = CardSpacing.Medium }, CardBlocks.Command(DeclareCommand.For(language))]);
        }

        return CardBlocks.Notice(
            DeletedHeading.For(language),
            [CardBlocks.Paragraph((inTeam ? DeletedTeam : DeletedConversation).For(language))]);
    }

    /// <summary>A form whose data was not one of the offered choices (crafted, or from a future card): nothing was saved.</summary>
    public static AdaptiveCard NotSaved(Language language) =>
        CardBlocks.Notice(
            NotSavedHeading.For(language),
            [CardBlocks.Paragraph(NotSavedText.For(language))],
            [new ExecuteAction { Title = TryAgain.For(language), Verb = CardVerbs.ProfileEdit, AssociatedInputs = "none" }]);

    private static TextBlock Small(string text) => new() { Text = text, Size = TextSize.Small, IsSubtle = true, Spacing = CardSpacing.Medium };
}
