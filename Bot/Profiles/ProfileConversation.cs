using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Profiles;
using ConcertationBot.Dialogs.Profiles;

namespace ConcertationBot.Bot.Profiles;

/// <summary>
/// Declaring how one takes part in the table: <c>profil</c> / <c>profile</c> (anyone) answers with the form, its
/// "Enregistrer" stores the clicker's profile in the team (or the conversation outside a team) and answers with it,
/// "Modifier" opens it again, and <c>profil effacer</c> / <c>profile delete</c> deletes it. A profile is stored under the
/// person's profile key only (<see cref="IRespondentKeys.ForProfile"/>), never next to an id or a name.
/// </summary>
public sealed partial class ProfileConversation(
    IProfileStore profiles,
    IRespondentKeys keys,
    DeclaredRoles roles,
    IOptions<ConcertationOptions> options,
    ILogger<ProfileConversation> logger)
{
    /// <summary>
    /// <c>profil</c>: the form. In a channel or group chat everyone sees the card, so it is not pre-filled and each
    /// clicker gets their own; in a 1:1 chat it shows the person's saved profile.
    /// </summary>
    public async Task CommandAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = ProfileScope.From(context.Activity);
        var model = Model(context, scope, isShared: context.IsGroupConversation);
        if (!context.IsGroupConversation && Key(context, scope) is { } key
            && await profiles.GetAsync(scope, key, cancellationToken).ConfigureAwait(false) is { } saved)
        {
            model = WithSaved(model, saved);
        }

        await context.SendSharedCardAsync(language => ProfileCards.Form(model with { Language = language }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>profil effacer</c> / <c>profile delete</c>: deletes the sender's profile in this scope.</summary>
    public async Task DeleteAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = ProfileScope.From(context.Activity);
        var deleted = Key(context, scope) is { } key && await profiles.DeleteAsync(scope, key, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            roles.Forget(scope);
            LogDeleted(logger);
        }

        await context.SendSharedCardAsync(language => ProfileCards.Deleted(language, deleted, scope.InTeam), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>profile.save</c>: stores the form's choice and answers with the saved profile; data that is not one of the
    /// offered choices stores nothing and gets a polite card. An automatic refresh (our cards ask for none) changes nothing.
    /// </summary>
    public async Task<AdaptiveCard> OnSaveAsync(TurnContext context, CardAction<ProfileActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var scope = ProfileScope.From(context.Activity);
        if (action.IsAutomaticRefresh)
        {
            return await OwnFormAsync(context, scope, cancellationToken).ConfigureAwait(false);
        }

        if (ProfileForm.Read(action.Data) is not { } declared || Key(context, scope) is not { } key)
        {
            LogRefused(logger);
            return ProfileCards.NotSaved(context.Language);
        }

        var stored = await SaveAsync(scope, key, declared, cancellationToken).ConfigureAwait(false);
        return ProfileCards.Saved(WithSaved(Model(context, scope, isShared: false), stored));
    }

    /// <summary>
    /// Stores <paramref name="declared"/> as the profile of <paramref name="profileKey"/> in <paramref name="scope"/>
    /// (the form's "Enregistrer", and the profile step a pulse offers first), and lets the declared roles be counted again.
    /// </summary>
    public async Task<ProfileRecord> SaveAsync(ProfileScope scope, string profileKey, DeclaredProfile declared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var stored = await profiles.SaveAsync(
            scope,
            profileKey,
            new ProfileRecord
            {
                Category = ProfileChoices.Code(declared.Category),
                Role = declared.Role is { } role ? ProfileChoices.Code(role) : null,
            },
            cancellationToken).ConfigureAwait(false);
        roles.Forget(scope);
        LogSaved(logger);
        return stored;
    }

    /// <summary>
    /// The profile step a pulse offers before its first step, in <paramref name="language"/>: the form, when the person
    /// declared no profile in <paramref name="scope"/>; null when they did.
    /// </summary>
    public async Task<AdaptiveCard?> OfferBeforePulseAsync(
        ProfileScope scope, string profileKey, ProfileBeforePulse pulse, Language language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (await profiles.GetAsync(scope, profileKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        return ProfileCards.Form(new ProfileCardModel
        {
            Language = language,
            InTeam = scope.InTeam,
            MinimumGroupSize = options.Value.MinimumGroupSize,
            BeforePulse = pulse,
        });
    }

    /// <summary><c>profile.edit</c>: the clicker's own form, pre-filled with their saved profile.</summary>
    public Task<AdaptiveCard> OnEditAsync(TurnContext context, CardAction<ProfileActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OwnFormAsync(context, ProfileScope.From(context.Activity), cancellationToken);
    }

    private async Task<AdaptiveCard> OwnFormAsync(TurnContext context, ProfileScope scope, CancellationToken cancellationToken)
    {
        var model = Model(context, scope, isShared: false);
        if (Key(context, scope) is { } key && await profiles.GetAsync(scope, key, cancellationToken).ConfigureAwait(false) is { } saved)
        {
            model = WithSaved(model, saved);
        }

        return ProfileCards.Form(model);
    }

    /// <summary>The sender's profile key in the scope; null when the activity names no sender.</summary>
    private string? Key(TurnContext context, ProfileScope scope) =>
        context.Activity.From is { } from && (!string.IsNullOrWhiteSpace(from.AadObjectId) || !string.IsNullOrWhiteSpace(from.Id))
            ? keys.ForProfile(scope.Partition, PersonId.Of(from))
            : null;

    private ProfileCardModel Model(TurnContext context, ProfileScope scope, bool isShared) => new()
    {
        Language = context.Language,
        InTeam = scope.InTeam,
        IsShared = isShared,
        MinimumGroupSize = options.Value.MinimumGroupSize,
    };

    /// <summary>The stored codes as the card shows them; a code this version does not know shows as no choice.</summary>
    private static ProfileCardModel WithSaved(ProfileCardModel model, ProfileRecord saved) =>
        model with { Category = ProfileChoices.CategoryOf(saved.Category), Role = ProfileChoices.RoleOf(saved.Role) };

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile saved")]
    private static partial void LogSaved(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile deleted")]
    private static partial void LogDeleted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile form refused: not one of the offered choices, nothing stored")]
    private static partial void LogRefused(ILogger logger);
}
