using System.Security.Cryptography;

namespace ConcertationBot.Tests.Bot.Storage;

/// <summary>Test helper: a service SAS for one table (string to sign per the 2015-04-05+ layout).</summary>
internal static class TableSas
{
    public static string Create(string account, string key, string table, string permissions, DateTimeOffset expiry)
    {
        const string version = "2019-02-02";
        var se = expiry.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var resource = $"/table/{account}/{table.ToLowerInvariant()}";
        var toSign = string.Join('\n', permissions, string.Empty, se, resource, string.Empty, string.Empty, string.Empty, version, string.Empty, string.Empty, string.Empty, string.Empty);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.UTF8.GetBytes(toSign)));
        return $"sv={version}&tn={table}&sp={permissions}&se={Uri.EscapeDataString(se)}&sig={Uri.EscapeDataString(signature)}";
    }
}
