using Azure;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Dialogs.Changes;

namespace ConcertationBot.Bot.Changes;

/// <summary>A stored grouping and the version (ETag) it was read or written with.</summary>
public sealed record StoredGrouping(ChangeGrouping Grouping, string ETag);

/// <summary>What a save did: stored (<see cref="Saved"/>), or refused as stale or locked; <see cref="Current"/> is what is stored now.</summary>
public sealed record GroupingSave(StoredGrouping? Current, GroupingSaveOutcome Outcome);

public enum GroupingSaveOutcome
{
    Saved,

    /// <summary>The grouping changed since the form was built: nothing stored.</summary>
    Stale,

    /// <summary>The categories were put to a vote: nothing stored.</summary>
    Locked,
}

/// <summary>The coordinator's grouping of a pulse's changes (issue #17), one per pulse, written If-Match the version the form showed.</summary>
public interface IChangeGroupingStore
{
    Task<StoredGrouping?> GetAsync(string pulseId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="grouping"/> if the stored one is still at <paramref name="expectedETag"/> (null: nothing
    /// stored yet) and not locked; else nothing is written and the answer says why, with what is stored.
    /// </summary>
    Task<GroupingSave> SaveAsync(string pulseId, ChangeGrouping grouping, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Records that the categories were put to <paramref name="voteId"/>: from then on every save is refused.</summary>
    Task LockAsync(string pulseId, string voteId, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IChangeGroupingStore"/> in the bot state table, in the pulse's partition beside its summary (row
/// <c>changes</c>): category names and change keys only, never who named a change, kept and purged with the summary.
/// </summary>
public sealed class ChangeGroupingStore(IBotStateStore state) : IChangeGroupingStore
{
    public static BotStateKey Key(string pulseId) => new(PulseStateKeys.Partition(pulseId), "changes");

    public async Task<StoredGrouping?> GetAsync(string pulseId, CancellationToken cancellationToken) =>
        await state.ReadAsync(Key(pulseId), ChangeGroupingJsonContext.Default.ChangeGrouping, cancellationToken).ConfigureAwait(false) is { } entry
            ? new StoredGrouping(entry.Value, entry.ETag.ToString())
            : null;

    public async Task<GroupingSave> SaveAsync(string pulseId, ChangeGrouping grouping, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grouping);
        var current = await GetAsync(pulseId, cancellationToken).ConfigureAwait(false);
        if (current is { Grouping.IsLocked: true })
        {
            return new GroupingSave(current, GroupingSaveOutcome.Locked);
        }

        if (current?.ETag != expectedETag)
        {
            return new GroupingSave(current, GroupingSaveOutcome.Stale);
        }

        try
        {
            // If-Match the version the form showed (If-None-Match when none was stored): a save that lost a race never overwrites.
            var expected = expectedETag is null ? default : new ETag(expectedETag);
            var written = await state.WriteAsync(Key(pulseId), grouping, expected, ChangeGroupingJsonContext.Default.ChangeGrouping, cancellationToken).ConfigureAwait(false);
            return new GroupingSave(new StoredGrouping(grouping, written.ToString()), GroupingSaveOutcome.Saved);
        }
        catch (StateConflictException)
        {
            var now = await GetAsync(pulseId, cancellationToken).ConfigureAwait(false);
            return new GroupingSave(now, now is { Grouping.IsLocked: true } ? GroupingSaveOutcome.Locked : GroupingSaveOutcome.Stale);
        }
    }

    public Task LockAsync(string pulseId, string voteId, CancellationToken cancellationToken) =>
        state.UpdateAsync(Key(pulseId), current => (current ?? ChangeGrouping.Empty) with { VoteId = voteId }, ChangeGroupingJsonContext.Default.ChangeGrouping, cancellationToken);
}
