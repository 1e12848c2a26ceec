using System.Buffers;
using System.Globalization;

namespace ConcertationBot.Bot.Storage;

/// <summary>
/// The Table service's rules for PartitionKey and RowKey, checked before a request is sent. Azure.Data.Tables sends any
/// key as it is, so a crafted id (from card data, say) with '/', '#', '?' or a control character would come back as a
/// storage 400 or address another resource; the stores refuse it here instead, or treat it as "not found".
/// </summary>
public static class TableKeys
{
    /// <summary>1 KiB: the longest PartitionKey or RowKey, in UTF-16 code units.</summary>
    public const int MaxKeyLength = 1024;

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        [.. "/\\#?", .. Enumerable.Range(0x00, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]);

    /// <summary>Whether <paramref name="key"/> can be a PartitionKey or RowKey.</summary>
    public static bool IsValid(string? key) =>
        key is not null && key.Length <= MaxKeyLength && !key.AsSpan().ContainsAny(Forbidden);

    /// <summary>Throws <see cref="ArgumentException"/>, before any request, when <paramref name="key"/> cannot be a key.</summary>
    public static void ThrowIfInvalid(string? key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The key is {key.Length} characters long; a table key holds at most {MaxKeyLength} (1 KiB)."),
                paramName);
        }

        var index = key.AsSpan().IndexOfAny(Forbidden);
        if (index >= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The key has U+{(int)key[index]:X4} at position {index}; '/', '\\', '#', '?' and control characters (U+0000-U+001F, U+007F-U+009F) cannot be in a table key."),
                paramName);
        }
    }
}
