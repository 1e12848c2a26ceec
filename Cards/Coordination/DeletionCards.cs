using System.Text.Json.Nodes;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Coordination;

/// <summary>What <c>pulse supprimer</c> / <c>vote supprimer</c> would delete, for the coordinator to confirm.</summary>
public sealed record DeletionCardModel
{
    public required Language Language { get; init; }

    /// <summary>True for a pulse, false for a vote.</summary>
    public required bool IsPulse { get; init; }

    /// <summary>The pulse or vote id carried by the confirm button.</summary>
    public required string Id { get; init; }

    /// <summary>The pulse's title or the vote's question (user text, shown inertly).</summary>
    public required string Title { get; init; }

    /// <summary>When it closed, already formatted.</summary>
    public required string ClosedText { get; init; }
}

/// <summary>The confirmation, done and cancelled cards of the deletion commands.</summary>
public static class DeletionCards
{
    private static readonly Localized PulseHeading = new("Supprimer les réponses de ce pulse ?", "Delete this pulse's answers?");
    private static readonly Localized VoteHeading = new("Supprimer les bulletins de ce vote ?", "Delete this vote's ballots?");
    private static readonly Localized ClosedLabel = new("Fermé le {0}", "Closed on {0}");
    private static readonly Localized PulseText = new(
        "Chaque réponse, les réponses en cours et les traces des rappels seront effacées pour de bon. La synthèse et les tendances restent (aucune donnée par personne).",
        "Every answer, the answers in progress and the reminder records will be erased for good. The summary and the trends stay (nothing per person).");
    private static readonly Localized VoteText = new(
        "Chaque bulletin sera effacé pour de bon. Le résultat final reste (aucune donnée par personne).",
        "Every ballot will be erased for good. The final result stays (nothing per person).");
    private static readonly Localized ConfirmTitle = new("Supprimer", "Delete");
    private static readonly Localized CancelTitle = new("Annuler", "Cancel");
    private static readonly Localized DoneHeading = new("Données supprimées", "Data deleted");
    private static readonly Localized PulseDone = new("Les réponses du pulse ont été effacées ; la synthèse reste.", "The pulse's answers were erased; the summary stays.");
    private static readonly Localized VoteDone = new("Les bulletins du vote ont été effacés ; le résultat reste.", "The vote's ballots were erased; the result stays.");
    private static readonly Localized CancelledHeading = new("Rien n'a été supprimé", "Nothing was deleted");
    private static readonly Localized NoPulse = new("Aucun pulse fermé ici : seul un pulse fermé peut être supprimé.", "No closed pulse here: only a closed pulse can be deleted.");
    private static readonly Localized NoVote = new("Aucun vote fermé ici : seul un vote fermé peut être supprimé.", "No closed vote here: only a closed vote can be deleted.");

    public static AdaptiveCard Confirm(DeletionCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        return CardBlocks.Notice(
            (model.IsPulse ? PulseHeading : VoteHeading).For(language),
            [
                CardBlocks.PlainText(model.Title, weight: TextWeight.Bolder),
                CardBlocks.PlainText(ClosedLabel.Format(language, model.ClosedText), isSubtle: true),
                CardBlocks.PlainText((model.IsPulse ? PulseText : VoteText).For(language), spacing: null),
            ],
            [
                new ExecuteAction
                {
                    Title = ConfirmTitle.For(language),
                    Verb = model.IsPulse ? CardVerbs.PulseDeleteConfirm : CardVerbs.VoteDeleteConfirm,
                    Data = new JsonObject { [model.IsPulse ? CardDataFields.PulseId : CardDataFields.VoteId] = model.Id },
                    Style = ActionStyle.Destructive,
                },
                new ExecuteAction { Title = CancelTitle.For(language), Verb = CardVerbs.DeleteCancel },
            ]);
    }

    public static AdaptiveCard Done(Language language, bool isPulse) =>
        Notice(DoneHeading.For(language), (isPulse ? PulseDone : VoteDone).For(language));

    public static AdaptiveCard Cancelled(Language language) => Notice(CancelledHeading.For(language), null);

    public static AdaptiveCard NothingToDelete(Language language, bool isPulse) =>
        Notice((isPulse ? NoPulse : NoVote).For(language), null);

    private static AdaptiveCard Notice(string heading, string? text) =>
        CardBlocks.Notice(heading, text is null ? [] : [CardBlocks.PlainText(text)]);
}
