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
public static partial class DeletionCards
{
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
