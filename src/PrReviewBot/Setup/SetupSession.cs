using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PrReviewBot.Setup;

/// <summary>
/// The <c>state</c> values handed to GitHub with a manifest: random, single-use, valid for the hour GitHub allows
/// for the whole flow. Kept in memory, so the callback must reach the process that served the page (run one
/// replica while setting up).
/// </summary>
public sealed class SetupSession(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private const int MaxOutstanding = 50;

    private readonly Lock _lock = new();
    private readonly List<(byte[] State, DateTimeOffset Expires, string? PublicUrl)> _issued = [];

    /// <param name="publicUrl">The address the manifest used when <c>Server:PublicUrl</c> is not set, to keep it after setup.</param>
    public string Issue(string? publicUrl)
    {
        var state = RandomNumberGenerator.GetBytes(32);
        lock (_lock)
        {
            Prune();
            if (_issued.Count >= MaxOutstanding)
            {
                _issued.RemoveAt(0);
            }
            _issued.Add((state, time.GetUtcNow() + Lifetime, publicUrl));
        }
        return Base64Url.EncodeToString(state);
    }

    /// <summary>True for a state this process issued within the hour and not yet used; compared in constant time.</summary>
    public bool IsValid(string? state, out string? publicUrl) => Find(state, remove: false, out publicUrl);

    /// <summary>Uses the state up: once the App is registered, the same link must not register another.</summary>
    public void Consume(string state) => Find(state, remove: true, out _);

    private bool Find(string? state, bool remove, out string? publicUrl)
    {
        publicUrl = null;
        if (string.IsNullOrEmpty(state) || state.Length > 100)
        {
            return false;
        }
        var given = Encoding.ASCII.GetBytes(state);
        lock (_lock)
        {
            Prune();
            for (var i = 0; i < _issued.Count; i++)
            {
                var expected = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(_issued[i].State));
                if (CryptographicOperations.FixedTimeEquals(expected, given))
                {
                    publicUrl = _issued[i].PublicUrl;
                    if (remove)
                    {
                        _issued.RemoveAt(i);
                    }
                    return true;
                }
            }
        }
        return false;
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        _issued.RemoveAll(s => s.Expires <= now);
    }
}
