using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>Splits a <c>$batch</c> response (multipart/mixed) into one <see cref="TableSubResponse"/> per operation.</summary>
internal static class TableBatchResponseParser
{
    public static List<TableSubResponse> Parse(Response response)
    {
        var text = response.Content.ToString();
        var lines = text.Split('\n');
        var parts = new List<TableSubResponse>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i].TrimEnd('\r');
            if (!line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var statusText = line.Length >= 12 ? line.Substring(9, 3) : "0";
            var status = int.Parse(statusText, NumberStyles.Integer, CultureInfo.InvariantCulture);
            var reason = line.Length > 13 ? line[13..] : string.Empty;
            var headers = new List<HttpHeader>();
            i++;
            while (i < lines.Length && lines[i].TrimEnd('\r').Length > 0)
            {
                var header = lines[i].TrimEnd('\r');
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers.Add(new HttpHeader(header[..colon].Trim(), header[(colon + 1)..].Trim()));
                }

                i++;
            }

            i++;
            var body = new StringBuilder();
            while (i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal))
            {
                body.Append(lines[i].TrimEnd('\r'));
                i++;
            }

            parts.Add(new TableSubResponse(status, reason, headers, BinaryData.FromString(body.ToString())));
        }

        return parts;
    }

    /// <summary>
    /// Builds the exception for a failed operation. The service prefixes the error message with the zero-based index
    /// of the failing operation (<c>"2:The specified entity already exists."</c>).
    /// </summary>
    public static TableTransactionFailedException ToException(TableSubResponse part, int? positionalIndex)
    {
        string? code = null;
        string? message = null;
        var body = part.Content.ToMemory();
        if (!body.IsEmpty)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                TableErrorParser.TryRead(document.RootElement, out code, out message);
            }
            catch (JsonException)
            {
                message = part.Content.ToString();
            }
        }

        int? index = positionalIndex;
        if (message is not null)
        {
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                index = parsed;
            }
        }

        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"The transaction was rolled back: operation {(index is null ? "?" : index.Value.ToString(CultureInfo.InvariantCulture))} failed with {part.Status} {code}. {message}");
        return new TableTransactionFailedException(part.Status, text, code, index);
    }
}
