using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PrReviewBot.Service;

/// <summary>
/// A webhook payload value that is not what GitHub documents (wrong JSON kind, a SHA that is not hex, a repository
/// name that is not <c>owner/name</c>, text that is not valid UTF-16). The intake answers 400 with
/// <see cref="Exception.Message"/>; a job that meets one in a stored delivery drops that delivery only.
/// </summary>
public sealed class MalformedPayloadException(string message) : Exception(message);

/// <summary>
/// One JSON object of a payload, read field by field: each read names the kind it expects and throws
/// <see cref="MalformedPayloadException"/> (with the field's path) when the value is anything else, so no
/// <see cref="JsonElement"/> method ever throws on a wrong kind and no unchecked value reaches a request path.
/// "Optional" reads take an absent field and JSON <c>null</c> alike as "not given".
/// </summary>
public readonly partial struct PayloadObject
{
    private readonly JsonElement _element;

    private PayloadObject(JsonElement element, string path)
    {
        _element = element;
        Path = path;
    }

    /// <summary>Where this object sits in the payload (<c>check_suite.pull_requests[0]</c>), for messages.</summary>
    public string Path { get; }

    public static PayloadObject Root(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object ? new PayloadObject(root, "") : throw new MalformedPayloadException("The body must be a JSON object.");

    public PayloadObject Object(string name) =>
        OptionalObject(name) ?? throw Missing(name, "an object");

    public PayloadObject? OptionalObject(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Object ? new PayloadObject(value, PathOf(name)) : throw Wrong(name, "an object", value);
    }

    /// <summary>True when the field holds an object (GitHub marks an issue that is a PR with <c>issue.pull_request</c>).</summary>
    public bool HasObject(string name) => OptionalObject(name) is not null;

    public string String(string name) => OptionalString(name) ?? throw Missing(name, "a string");

    public string? OptionalString(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Wrong(name, "a string", value);
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to turn a lone UTF-16 surrogate escape, or bytes that are not UTF-8, into a string.
            throw new MalformedPayloadException($"'{PathOf(name)}' is not valid text (it holds a lone UTF-16 surrogate, or bytes that are not UTF-8).");
        }
    }

    /// <summary>The string, or null when it is absent, not a string or not valid text: for values that only go into notes.</summary>
    public string? LenientString(string name)
    {
        try
        {
            return OptionalString(name);
        }
        catch (MalformedPayloadException)
        {
            return null;
        }
    }

    public int PositiveInt(string name) => OptionalPositiveInt(name) ?? throw Missing(name, "a positive integer");

    public int? OptionalPositiveInt(string name) =>
        OptionalPositiveLong(name) is { } n ? n <= int.MaxValue ? (int)n : throw new MalformedPayloadException($"'{PathOf(name)}' is too large.") : null;

    public long PositiveLong(string name) => OptionalPositiveLong(name) ?? throw Missing(name, "a positive integer");

    public long? OptionalPositiveLong(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n <= 0)
        {
            throw Wrong(name, "a positive integer", value);
        }
        return n;
    }

    /// <summary>A commit SHA: 40 hex digits (SHA-1) or 64 (SHA-256), returned in lower case.</summary>
    public string Sha(string name)
    {
        var text = String(name);
        return ShaPattern().IsMatch(text)
            ? text.ToLowerInvariant()
            : throw new MalformedPayloadException($"'{PathOf(name)}' must be a commit SHA (40 or 64 hex digits).");
    }

    /// <summary>A branch or ref name as git allows it (no control characters, spaces, <c>..</c>, <c>~^:?*[\</c>), or null.</summary>
    public string? OptionalRef(string name)
    {
        var text = OptionalString(name);
        if (text is null)
        {
            return null;
        }
        return text.Length is > 0 and <= 255 && RefPattern().IsMatch(text) && !text.Contains("..", StringComparison.Ordinal)
            && !text.StartsWith('/') && !text.EndsWith('/') && !text.EndsWith(".lock", StringComparison.Ordinal)
            ? text
            : throw new MalformedPayloadException($"'{PathOf(name)}' is not a valid git ref name.");
    }

    /// <summary>The elements of an array of objects; absent or null is empty. Any element that is not an object is malformed.</summary>
    public IReadOnlyList<PayloadObject> Objects(string name)
    {
        if (Get(name) is not { } value)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(name, "an array", value);
        }
        var list = new List<PayloadObject>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{PathOf(name)}[{i.ToString(CultureInfo.InvariantCulture)}]";
            list.Add(item.ValueKind == JsonValueKind.Object
                ? new PayloadObject(item, path)
                : throw new MalformedPayloadException($"'{path}' must be an object, not {KindName(item)}."));
            i++;
        }
        return list;
    }

    /// <summary><c>repository.full_name</c> as GitHub spells repositories: an owner and a name, each of the characters GitHub allows.</summary>
    public static string RepositoryFullName(PayloadObject repository)
    {
        var fullName = repository.String("full_name");
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        var (owner, name) = slash < 0 ? ("", "") : (fullName[..slash], fullName[(slash + 1)..]);
        return OwnerPattern().IsMatch(owner) && NamePattern().IsMatch(name) && name is not "." and not ".."
            ? fullName
            : throw new MalformedPayloadException($"'{repository.PathOf("full_name")}' must be owner/name (letters, digits, '-', '_', '.').");
    }

    /// <summary>A GitHub user or bot login (letters, digits, '-', '_'; a bot's ends in <c>[bot]</c>).</summary>
    public static bool IsLogin(string? login) => login is not null && LoginPattern().IsMatch(login);

    private JsonElement? Get(string name) =>
        _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    private MalformedPayloadException Missing(string name, string kind) => new($"'{PathOf(name)}' is missing; it must be {kind}.");

    private MalformedPayloadException Wrong(string name, string kind, JsonElement value) =>
        new($"'{PathOf(name)}' must be {kind}, not {KindName(value)}.");

    private static string KindName(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number out of range",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    [GeneratedRegex("^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")]
    private static partial Regex ShaPattern();

    [GeneratedRegex(@"^[^\x00-\x20\x7f~^:?*\[\\]+$")]
    private static partial Regex RefPattern();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,99})$")]
    private static partial Regex OwnerPattern();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,38})(?:\[bot\])?$")]
    private static partial Regex LoginPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex NamePattern();
}
