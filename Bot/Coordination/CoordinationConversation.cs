using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Cards.Coordination;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Commands;

namespace ConcertationBot.Bot.Coordination;

/// <summary>
/// Coordinator-only settings of a conversation: <c>coordination ajouter @nom</c> grants the role in this team,
/// <c>langue français | english | bilingue | auto</c> fixes (or frees) the language the bot speaks here.
/// </summary>
public sealed class CoordinationConversation(CoordinatorGate gate, ICoordinatorDirectory directory, IConversationSettingsStore settings, TimeProvider time)
{
    /// <summary><c>coordination ajouter @nom</c> / <c>coordinator add @name</c>.</summary>
    public async Task GrantAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await gate.AdmitAsync(context, CommandNames.CoordinatorAdd, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var grantee = MentionedPerson(context.Activity);
        if (grantee is null)
        {
            await context.SendSharedCardAsync(CoordinationCards.GrantUsage, cancellationToken).ConfigureAwait(false);
            return;
        }

        var from = context.Activity.From ?? throw new InvalidOperationException("The activity has no sender.");
        await directory.GrantAsync(CoordinatorScope.From(context.Activity), grantee, from, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await context.SendSharedCardAsync(language => CoordinationCards.Granted(language, grantee.Name ?? grantee.Id ?? string.Empty), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>langue français | english | bilingue | auto</c> / <c>language english | french | bilingual | auto</c>.</summary>
    public async Task SetLanguageAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!TryReadSetting(context.CommandArguments, out var code))
        {
            await context.SendSharedCardAsync(LanguageCards.Usage, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await gate.AdmitAsync(context, CommandNames.Language, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var channelId = context.Activity.ChannelId ?? throw new InvalidOperationException("The activity has no channelId.");
        var conversationId = context.Activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation.");
        // In a team, the language set here also becomes the team's, for every channel that has not set its own.
        await settings.SetLanguageAsync(channelId, conversationId, TeamsChannelData.Team(context.Activity)?.Id, code, cancellationToken).ConfigureAwait(false);
        var ownLanguage = Languages.FromLocale(context.Activity.Locale);
        context.IsBilingual = Languages.IsBilingual(code);
        context.Language = code is null || context.IsBilingual ? ownLanguage : Languages.FromCode(code);
        await context.SendSharedCardAsync(
            language => context.IsBilingual ? LanguageCards.SetBilingual(language) : LanguageCards.Set(language, code is null ? null : Languages.FromCode(code)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The conversation's language as stored: <c>"bi"</c> for "bilingue" / "bilingual", <c>"fr"</c> or <c>"en"</c>
    /// (<see cref="TryReadLanguage"/>), null for "auto".
    /// </summary>
    internal static bool TryReadSetting(IReadOnlyList<string> words, out string? code)
    {
        code = null;
        if (words.Count == 1 && CommandText.Fold(words[0]) is "bilingue" or "bilingual" or "bi")
        {
            code = Languages.BilingualCode;
            return true;
        }

        if (!TryReadLanguage(words, out var language))
        {
            return false;
        }

        code = language is { } fixedLanguage ? Languages.ToCode(fixedLanguage) : null;
        return true;
    }

    /// <summary>"français", "francais", "french", "fr" → French; "english", "anglais", "en" → English; "auto" → null.</summary>
    internal static bool TryReadLanguage(IReadOnlyList<string> words, out Language? language)
    {
        language = null;
        if (words.Count != 1)
        {
            return false;
        }

        switch (CommandText.Fold(words[0]))
        {
            case "francais" or "french" or "fr":
                language = Language.French;
                return true;
            case "english" or "anglais" or "en":
                language = Language.English;
                return true;
            case "auto" or "automatique" or "automatic":
                return true;
            default:
                return false;
        }
    }

    /// <summary>The first person @mentioned in the message other than the bot.</summary>
    private static ChannelAccount? MentionedPerson(Activity activity)
    {
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity is not null
                && MentionText.MentionedAccount(entity) is { Id: { Length: > 0 } id } account
                && !string.Equals(id, botId, StringComparison.OrdinalIgnoreCase))
            {
                return account;
            }
        }

        return null;
    }
}
