using System.Text.Json;
using System.Text.RegularExpressions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;

namespace Postmortem.Host.Playground;

/// <summary>
/// The playground's HTTP API. Like the Slack and Teams adapters, each request becomes a <see cref="ChatEvent"/>
/// stored in the inbox (the facilitator decides later, off the request thread) and is answered 202 at once.
/// </summary>
public static partial class PlaygroundEndpoints
{
    public const int MaxTextLength = 40_000;

    public static IEndpointRouteBuilder MapPlaygroundApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/playground/api");
        api.MapGet("/messages", (string? user, PlaygroundChannel channel) => Results.Ok(channel.Visible(user)));
        api.MapPost("/messages", PostAsync);
        api.MapPut("/messages/{id}", EditAsync);
        api.MapDelete("/messages/{id}", DeleteAsync);
        api.MapPost("/messages/{id}/reactions", (string id, HttpRequest request, PlaygroundInbox inbox) => ReactAsync(id, request, inbox, add: true));
        api.MapDelete("/messages/{id}/reactions", (string id, HttpRequest request, PlaygroundInbox inbox) => ReactAsync(id, request, inbox, add: false));
        api.MapPost("/buttons", PressAsync);
        api.MapGet("/postmortem", (PlaygroundChannel channel) =>
        {
            var latest = channel.LatestPostmortem();
            return Results.Ok(new PlaygroundPostmortemView(latest?.File?.Content, latest?.File?.FileName, latest?.Id));
        });
        return endpoints;
    }

    private static async Task<IResult> PostAsync(HttpRequest request, PlaygroundInbox inbox)
    {
        var (body, error) = await ReadAsync<PlaygroundPostRequest>(request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if ((CheckUser(body!.User) ?? CheckText(body.Text)) is { } refused)
        {
            return refused;
        }

        var channel = inbox.Channel;
        string? threadId = null;
        if (!string.IsNullOrEmpty(body.ThreadId))
        {
            threadId = channel.ThreadRootOf(body.ThreadId);
            if (threadId is null)
            {
                return Refuse(StatusCodes.Status404NotFound, $"no message {body.ThreadId} to reply to");
            }
        }

        var user = Person(body.User!);
        var arguments = PlaygroundText.CommandArguments(body.Text!);
        var (text, mentions) = PlaygroundText.WithMentions(arguments is null ? body.Text! : body.Text!.Trim());
        var message = channel.Add((id, now) => new PlaygroundMessage
        {
            Id = id,
            ThreadId = threadId,
            Author = user.Id,
            Text = text,
            PostedAt = now,
            IsCommand = arguments is not null,
        });

        ChatEvent chatEvent = arguments is not null
            ? new CommandInvoked
            {
                EventId = NewEventId(),
                Channel = PlaygroundChannel.Ref,
                OccurredAt = message.PostedAt,
                User = user,
                Text = PlaygroundText.WithMentions(arguments).Text,
                MentionNames = mentions,
                ThreadId = threadId,
            }
            : new MessagePosted
            {
                EventId = NewEventId(),
                Channel = PlaygroundChannel.Ref,
                OccurredAt = message.PostedAt,
                MessageId = message.Id,
                ThreadId = threadId,
                Author = user,
                Text = text,
                MentionNames = mentions,
            };
        return await inbox.AcceptAsync(message.Id, chatEvent, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> EditAsync(string id, HttpRequest request, PlaygroundInbox inbox)
    {
        var (body, error) = await ReadAsync<PlaygroundEditRequest>(request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if ((CheckUser(body!.User) ?? CheckText(body.Text)) is { } refused)
        {
            return refused;
        }

        var existing = inbox.Channel.Find(id);
        if (existing is null)
        {
            return Refuse(StatusCodes.Status404NotFound, $"no message {id}");
        }

        if (existing.IsBot || existing.IsCommand || !string.Equals(existing.Author, body.User, StringComparison.Ordinal))
        {
            return Refuse(StatusCodes.Status403Forbidden, "only the author can edit a message, and commands cannot be edited");
        }

        var (text, mentions) = PlaygroundText.WithMentions(body.Text!);
        var edited = inbox.Channel.Update(id, (message, now) => message with { Text = text, EditedAt = now });
        if (edited is null)
        {
            return Refuse(StatusCodes.Status404NotFound, $"no message {id}");
        }

        var chatEvent = new MessageEdited
        {
            EventId = NewEventId(),
            Channel = PlaygroundChannel.Ref,
            OccurredAt = edited.EditedAt ?? edited.PostedAt,
            MessageId = id,
            ThreadId = edited.ThreadId,
            NewText = text,
            MentionNames = mentions,
        };
        return await inbox.AcceptAsync(id, chatEvent, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> DeleteAsync(string id, string? user, PlaygroundInbox inbox, CancellationToken cancellationToken)
    {
        var existing = inbox.Channel.Find(id);
        if (existing is null)
        {
            return Refuse(StatusCodes.Status404NotFound, $"no message {id}");
        }

        if (existing.IsBot || (user is not null && !string.Equals(existing.Author, user, StringComparison.Ordinal)))
        {
            return Refuse(StatusCodes.Status403Forbidden, "only the author can delete a message");
        }

        var deleted = inbox.Channel.Update(id, (message, now) => message with { Deleted = true, EditedAt = now });
        if (deleted is null || existing.IsCommand)
        {
            return Results.Accepted(value: new PlaygroundAccepted(id, null));
        }

        var chatEvent = new MessageDeleted
        {
            EventId = NewEventId(),
            Channel = PlaygroundChannel.Ref,
            OccurredAt = deleted.EditedAt ?? deleted.PostedAt,
            MessageId = id,
            ThreadId = deleted.ThreadId,
        };
        return await inbox.AcceptAsync(id, chatEvent, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> ReactAsync(string id, HttpRequest request, PlaygroundInbox inbox, bool add)
    {
        var (body, error) = await ReadAsync<PlaygroundReactionRequest>(request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (CheckUser(body!.User) is { } refused)
        {
            return refused;
        }

        var emoji = PlaygroundReactions.Normalize(body.Emoji ?? "");
        if (emoji.Length is 0 or > 32)
        {
            return Refuse(StatusCodes.Status400BadRequest, "emoji must be 1 to 32 characters");
        }

        var changed = false;
        var message = inbox.Channel.Update(id, (current, _) =>
        {
            var reactions = Toggle(current.Reactions, emoji, body.User!, add, out changed);
            return changed ? current with { Reactions = reactions } : current;
        });
        if (message is null)
        {
            return Refuse(StatusCodes.Status404NotFound, $"no message {id}");
        }

        if (!changed)
        {
            return Results.Accepted(value: new PlaygroundAccepted(id, null));
        }

        var user = Person(body.User!);
        var kind = PlaygroundReactions.KindOf(emoji);
        var now = inbox.Now;
        ChatEvent chatEvent = add
            ? new ReactionAdded { EventId = NewEventId(), Channel = PlaygroundChannel.Ref, OccurredAt = now, MessageId = id, User = user, Kind = kind, Name = emoji }
            : new ReactionRemoved { EventId = NewEventId(), Channel = PlaygroundChannel.Ref, OccurredAt = now, MessageId = id, User = user, Kind = kind, Name = emoji };
        return await inbox.AcceptAsync(id, chatEvent, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> PressAsync(HttpRequest request, PlaygroundInbox inbox)
    {
        var (body, error) = await ReadAsync<PlaygroundButtonRequest>(request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (CheckUser(body!.User) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(body.ActionId) || string.IsNullOrWhiteSpace(body.MessageId))
        {
            return Refuse(StatusCodes.Status400BadRequest, "actionId and messageId are required");
        }

        if (inbox.Channel.Find(body.MessageId) is null)
        {
            return Refuse(StatusCodes.Status404NotFound, $"no message {body.MessageId}");
        }

        var chatEvent = new ButtonPressed
        {
            EventId = NewEventId(),
            Channel = PlaygroundChannel.Ref,
            OccurredAt = inbox.Now,
            User = Person(body.User!),
            ActionId = body.ActionId,
            Value = body.Value,
            MessageId = body.MessageId,
        };
        return await inbox.AcceptAsync(body.MessageId, chatEvent, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static List<PlaygroundReaction> Toggle(IReadOnlyList<PlaygroundReaction> reactions, string emoji, string user, bool add, out bool changed)
    {
        var result = reactions.ToList();
        var index = result.FindIndex(r => r.Emoji == emoji);
        var users = index < 0 ? [] : result[index].Users.ToList();
        changed = add ? !users.Contains(user) : users.Remove(user);
        if (!changed)
        {
            return result;
        }

        if (add)
        {
            users.Add(user);
        }

        if (index < 0)
        {
            result.Add(new PlaygroundReaction(emoji, users));
        }
        else if (users.Count == 0)
        {
            result.RemoveAt(index);
        }
        else
        {
            result[index] = new PlaygroundReaction(emoji, users);
        }

        return result;
    }

    private static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, JsonSerializerOptions.Web, request.HttpContext.RequestAborted)
                .ConfigureAwait(false);
            return body is null ? (null, Refuse(StatusCodes.Status400BadRequest, "a JSON body is required")) : (body, null);
        }
        catch (JsonException)
        {
            return (null, Refuse(StatusCodes.Status400BadRequest, "the body is not valid JSON"));
        }
    }

    private static IResult? CheckUser(string? user) =>
        user is not null && UserPattern().IsMatch(user)
            ? null
            : Refuse(StatusCodes.Status400BadRequest, "user must be a name of 1 to 40 letters, digits, '.', '_' or '-'");

    private static IResult? CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Refuse(StatusCodes.Status400BadRequest, "text is required");
        }

        return text.Length > MaxTextLength
            ? Refuse(StatusCodes.Status413PayloadTooLarge, $"text is longer than {MaxTextLength} characters")
            : null;
    }

    private static IResult Refuse(int status, string error) => Results.Json(new PlaygroundError(error), statusCode: status);

    private static ChatUser Person(string name) => new(name, name);

    private static string NewEventId() => $"playground:{Guid.NewGuid():N}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserPattern();
}
