using System.Globalization;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// Set when the form is the optional step a pulse offers before its first step to someone who declared no profile:
    /// "Enregistrer et continuer" and "Passer" both go on to the pulse (<see cref="CardVerbs.PulseOpen"/>).
    /// </summary>
    public ProfileBeforePulse? BeforePulse { get; init; }
}

/// <summary>The pulse a profile step comes before, and the conversation it lives in when shown elsewhere (a 1:1 reminder).</summary>
public sealed record ProfileBeforePulse(string PulseId, string? ConversationId);

/// <summary>The cards of <c>profil</c> / <c>profile</c>: the form, the saved profile, its deletion, and a refused form.</summary>
public static partial class ProfileCards
{
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

        if (model.BeforePulse is { } pulse)
        {
            return BeforePulseForm(model, pulse, body);
        }

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

    /// <summary>
    /// The form as a pulse's optional first step: a kicker says so, "Enregistrer et continuer" stores the profile and opens
    /// the pulse's first step, "Passer" opens it without storing anything; either way it is not offered again for this pulse.
    /// </summary>
    private static AdaptiveCard BeforePulseForm(ProfileCardModel model, ProfileBeforePulse pulse, List<CardElement> body)
    {
        var language = model.Language;
        JsonObject Data()
        {
            var data = new JsonObject { [CardDataFields.PulseId] = pulse.PulseId, [CardDataFields.ProfileOffered] = "1" };
            if (pulse.ConversationId is { Length: > 0 } conversationId)
            {
                data[CardDataFields.ConversationId] = conversationId;
            }

            return data;
        }

        body.Insert(0, Small(BeforePulseKicker.For(language)));
        return new AdaptiveCard
        {
            FallbackText = FormHeading.For(language),
            Body = body,
            Actions =
            [
                new ExecuteAction { Title = SaveAndContinue.For(language), Verb = CardVerbs.PulseOpen, Data = Data(), AssociatedInputs = "auto", Style = ActionStyle.Positive },
                new ExecuteAction { Title = SkipProfile.For(language), Verb = CardVerbs.PulseOpen, Data = Data(), AssociatedInputs = "none" },
            ],
        };
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
