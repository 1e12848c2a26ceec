using System.Globalization;
using System.Text.RegularExpressions;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>Checks names and keys before any request is sent, and escapes keys for URIs.</summary>
internal static partial class TableKeys
{
    public static void ValidateTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (!TableNameRegex().IsMatch(tableName))
        {
            throw new ArgumentException(
                $"Table name '{tableName}' is invalid: it must be 3 to 63 letters or digits and start with a letter.",
                nameof(tableName));
        }
    }

    public static void ValidateKeys(string? partitionKey, string? rowKey)
    {
        ValidateKey(partitionKey, "PartitionKey", nameof(partitionKey));
        ValidateKey(rowKey, "RowKey", nameof(rowKey));
    }

    /// <summary>Whether <paramref name="key"/> can be a PartitionKey or RowKey (an id read from card data may not be).</summary>
    public static bool IsValidKey(string? key) =>
        key is not null && key.Length <= TableConstants.MaxKeyLength && !key.Any(IsForbidden);

    public static void ValidateKey(string? key, string which, string paramName)
    {
        if (key is null)
        {
            throw new ArgumentNullException(paramName, $"{which} must not be null.");
        }

        if (key.Length > TableConstants.MaxKeyLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{which} is {key.Length} characters long; the limit is {TableConstants.MaxKeyLength} (1 KiB)."),
                paramName);
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (IsForbidden(c))
            {
                var shown = char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}") : $"'{c}'";
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{which} contains the forbidden character {shown} at position {i}; '/', '\\', '#', '?' and control characters (U+0000-U+001F, U+007F-U+009F) are not allowed."),
                    paramName);
            }
        }
    }

    private static bool IsForbidden(char c) => c is '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F';

    /// <summary>Doubles single quotes (OData literal) then percent-escapes for the URI path.</summary>
    public static string EscapeForPath(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNameRegex();
}
