using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>
/// Signs every attempt (it runs per retry) with SharedKeyLite: <c>x-ms-date</c> only, string to sign
/// <c>date\n/account/path[?comp=…]</c>.
/// </summary>
internal sealed class TableSharedKeyLitePolicy(AzureNamedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var (name, key) = credential;
        var uri = message.Request.Uri;
        var builder = new StringBuilder(date.Length + name.Length + 64);
        builder.Append(date).Append('\n').Append('/').Append(name).Append(uri.Path);
        var comp = FindComp(uri.Query);
        if (comp is not null)
        {
            builder.Append("?comp=").Append(comp);
        }

        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.UTF8.GetBytes(builder.ToString())));
        message.Request.Headers.SetValue("Authorization", "SharedKeyLite " + name + ":" + signature);
    }

    private static string? FindComp(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(pair[5..]);
            }
        }

        return null;
    }
}

/// <summary>Appends the SAS token to the query string once per attempt.</summary>
internal sealed class TableSasPolicy(AzureSasCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var sas = credential.Signature.TrimStart('?');
        var uri = message.Request.Uri;
        if (uri.Query.Contains(sas, StringComparison.Ordinal))
        {
            return;
        }

        uri.Query = string.IsNullOrEmpty(uri.Query) || uri.Query == "?" ? "?" + sas : uri.Query + "&" + sas;
    }
}

/// <summary>Pins <c>x-ms-version</c> and the OData headers on every request.</summary>
internal sealed class TableHeadersPolicy(string version) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var headers = message.Request.Headers;
        headers.SetValue("x-ms-version", version);
        headers.SetValue("DataServiceVersion", TableConstants.DataServiceVersion);
        if (!headers.Contains("Accept"))
        {
            headers.SetValue("Accept", TableConstants.AcceptMinimalMetadata);
        }
    }
}

/// <summary>Retries 408, 500 and 503 (and, through the base class, network failures); nothing else.</summary>
internal sealed class TableResponseClassifier : ResponseClassifier
{
    public static readonly TableResponseClassifier Instance = new();

    public override bool IsRetriableResponse(HttpMessage message) => message.Response.Status is 408 or 500 or 503;
}

/// <summary>Reads the Table service's <c>odata.error</c> body into <see cref="RequestFailedException.ErrorCode"/>.</summary>
internal sealed class TableErrorParser : RequestFailedDetailsParser
{
    public static readonly TableErrorParser Instance = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        error = null;
        var content = response.Content;
        if (content is null || content.ToMemory().IsEmpty)
        {
            return TryFromHeader(response, out error);
        }

        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            if (TryRead(document.RootElement, out var code, out var text))
            {
                error = new ResponseError(code, text);
                return true;
            }
        }
        catch (JsonException)
        {
            return TryFromHeader(response, out error);
        }

        return TryFromHeader(response, out error);
    }

    internal static bool TryRead(JsonElement root, out string? code, out string? message)
    {
        code = null;
        message = null;
        if (root.ValueKind != JsonValueKind.Object
            || !(root.TryGetProperty("odata.error", out var inner) || root.TryGetProperty("error", out inner)))
        {
            return false;
        }

        if (inner.TryGetProperty("code", out var codeElement))
        {
            code = codeElement.GetString();
        }

        if (inner.TryGetProperty("message", out var messageElement))
        {
            message = messageElement.ValueKind == JsonValueKind.Object && messageElement.TryGetProperty("value", out var value)
                ? value.GetString()
                : messageElement.ValueKind == JsonValueKind.String ? messageElement.GetString() : null;
        }

        return code is not null;
    }

    private static bool TryFromHeader(Response response, out ResponseError? error)
    {
        error = response.Headers.TryGetValue("x-ms-error-code", out var code) ? new ResponseError(code, response.ReasonPhrase) : null;
        return error is not null;
    }
}
