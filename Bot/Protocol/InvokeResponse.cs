using System.Text.Json;

namespace ConcertationBot.Bot.Protocol;

/// <summary>What an invoke turn answers: the HTTP status and body written back on <c>/api/messages</c>.</summary>
public sealed record InvokeResponse
{
    public int Status { get; init; }
    public JsonElement? Body { get; init; }
}

/// <summary>The body of an <c>adaptiveCard/action</c> answer: <c>{statusCode, type, value}</c>.</summary>
public sealed record AdaptiveCardInvokeResponse
{
    public int StatusCode { get; init; }
    public string? Type { get; init; }
    public JsonElement? Value { get; init; }
}

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed record AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; init; }
    public string? Trigger { get; init; }
    public JsonElement? Authentication { get; init; }
    public string? State { get; init; }
}

/// <summary>The <c>action</c> of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed record AdaptiveCardInvokeAction
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Verb { get; init; }
    public string? Title { get; init; }
    public JsonElement? Data { get; init; }
}

/// <summary>Error payload of an invoke answer: <c>{code, message}</c>.</summary>
public sealed record InvokeError
{
    public string? Code { get; init; }
    public string? Message { get; init; }
}

/// <summary>The body of a <c>deliveryMode: expectReplies</c> answer.</summary>
public sealed record ExpectedReplies
{
    public IReadOnlyList<Activity> Activities { get; init; } = [];
}

/// <summary>Invoke names.</summary>
public static class InvokeNames
{
    public const string AdaptiveCardAction = "adaptiveCard/action";
}
