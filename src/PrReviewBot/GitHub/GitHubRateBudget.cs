using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrReviewBot.Service;

namespace PrReviewBot.GitHub;

/// <summary>The bot's own budget says an installation must wait longer than a job may hold its place; the job is rescheduled.</summary>
public sealed class RateBudgetSpentException(string message, TimeSpan wait) : Exception(message)
{
    public TimeSpan Wait { get; } = wait;
}

/// <summary>
/// What each installation may still ask of GitHub, shared by every job of this process: its writes are paced to the
/// content-creating limits (a sliding minute and hour, with slots reserved in order so concurrent jobs queue instead of
/// racing), and when GitHub reports a limit (a primary limit nearly spent, a 403/429 with Retry-After or a reset time)
/// the whole installation pauses, not just the job that hit it. So a burst of many PRs costs one refusal, not one per
/// PR and per retry. The queue asks <see cref="Paused"/> so it does not lease work that would only wait.
/// </summary>
public sealed class GitHubRateBudget(IOptionsMonitor<GitHubOptions> options, TimeProvider time, ILogger<GitHubRateBudget> log)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<long, Installation> _installations = new();

    public bool Enabled => options.CurrentValue.RateBudget.Enabled;

    /// <summary>
    /// Waits until a call for <paramref name="installationId"/> may go out (a write also takes a content slot).
    /// </summary>
    /// <exception cref="RateBudgetSpentException">The wait is longer than <c>GitHub:Retry:MaxInProcessWait</c>.</exception>
    public async ValueTask AcquireAsync(long? installationId, bool creating, CancellationToken ct)
    {
        if (installationId is not { } id || !Enabled)
        {
            return;
        }
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        var (wait, reason) = _installations.GetOrAdd(id, _ => new Installation()).Reserve(now, creating, o.RateBudget, o.Retry.MaxInProcessWait);
        if (wait > o.Retry.MaxInProcessWait)
        {
            throw new RateBudgetSpentException($"installation {id}: {reason}; its work waits {wait.TotalSeconds:0} s", wait);
        }
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct);
        }
    }

    /// <summary>GitHub's rate-limit headers on an answer: a primary limit nearly spent pauses the installation until its reset.</summary>
    public void Observe(long? installationId, RateLimitReading reading)
    {
        if (installationId is not { } id || !Enabled)
        {
            return;
        }
        var now = time.GetUtcNow();
        if (reading.Remaining <= options.CurrentValue.RateBudget.PrimaryReserve && reading.Reset > now)
        {
            // The reset is given in whole seconds: a second more so the first call after it is not refused.
            Pause(id, reading.Reset - now + TimeSpan.FromSeconds(1), $"{reading.Resource} limit: {reading.Remaining} of {reading.Limit} left");
        }
    }

    /// <summary>GitHub refused a call of this installation with a limit: every call of it waits <paramref name="wait"/>.</summary>
    public void Pause(long? installationId, TimeSpan wait, string reason)
    {
        if (installationId is not { } id || !Enabled || wait <= TimeSpan.Zero)
        {
            return;
        }
        var until = time.GetUtcNow() + wait;
        if (_installations.GetOrAdd(id, _ => new Installation()).PauseUntil(until))
        {
            log.LogWarning("Installation {InstallationId} pauses its GitHub calls until {Until:o}: {Reason}", id, until, reason);
        }
    }

    /// <summary>
    /// Installations that cannot call GitHub now (paused, or their writes are booked beyond now), and the earliest time
    /// one of them can again; the queue leases none of their jobs meanwhile.
    /// </summary>
    public (IReadOnlyCollection<long> Installations, DateTimeOffset? Until) Paused()
    {
        if (!Enabled || _installations.IsEmpty)
        {
            return ([], null);
        }
        var o = options.CurrentValue.RateBudget;
        var now = time.GetUtcNow();
        var paused = new List<long>();
        DateTimeOffset? earliest = null;
        foreach (var (id, installation) in _installations)
        {
            var free = installation.FreeAt(now, o);
            if (free > now)
            {
                paused.Add(id);
                earliest = earliest is { } e && e < free ? e : free;
            }
            else if (installation.IsIdle(now))
            {
                // Nothing booked and nothing to remember: forget it (it is made again on its next call).
                _installations.TryRemove(new KeyValuePair<long, Installation>(id, installation));
            }
        }
        return (paused, earliest);
    }

    private sealed class Installation
    {
        private readonly Lock _lock = new();
        private readonly List<DateTimeOffset> _lastMinute = [];
        private readonly List<DateTimeOffset> _lastHour = [];
        private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

        public bool PauseUntil(DateTimeOffset until)
        {
            lock (_lock)
            {
                if (until <= _pausedUntil)
                {
                    return false;
                }
                _pausedUntil = until;
                return true;
            }
        }

        public (TimeSpan Wait, string Reason) Reserve(DateTimeOffset now, bool creating, GitHubRateBudgetOptions o, TimeSpan maxWait)
        {
            lock (_lock)
            {
                Prune(now);
                var at = now;
                var reason = "";
                if (_pausedUntil > at)
                {
                    at = _pausedUntil;
                    reason = "GitHub asked it to wait";
                }
                if (creating)
                {
                    var slot = NextSlot(at, o);
                    if (slot > at)
                    {
                        at = slot;
                        reason = "its content-creating requests are used up for now";
                    }
                    // A slot too far away is not booked: the job goes back to the queue and books one when it runs again.
                    if (at - now <= maxWait)
                    {
                        Book(_lastMinute, at, o.ContentCreatingPerMinute);
                        Book(_lastHour, at, o.ContentCreatingPerHour);
                    }
                }
                return (at - now, reason);
            }
        }

        /// <summary>When this installation may next make a write (or any call, when paused).</summary>
        public DateTimeOffset FreeAt(DateTimeOffset now, GitHubRateBudgetOptions o)
        {
            lock (_lock)
            {
                Prune(now);
                var at = _pausedUntil > now ? _pausedUntil : now;
                return NextSlot(at, o);
            }
        }

        public bool IsIdle(DateTimeOffset now)
        {
            lock (_lock)
            {
                return _lastMinute.Count == 0 && _lastHour.Count == 0 && _pausedUntil <= now;
            }
        }

        private DateTimeOffset NextSlot(DateTimeOffset at, GitHubRateBudgetOptions o)
        {
            at = Max(at, SlotIn(_lastMinute, o.ContentCreatingPerMinute, Minute));
            return Max(at, SlotIn(_lastHour, o.ContentCreatingPerHour, Hour));
        }

        /// <summary>With <paramref name="limit"/> writes allowed per <paramref name="window"/>: when the next may go.</summary>
        private static DateTimeOffset SlotIn(List<DateTimeOffset> booked, int limit, TimeSpan window) =>
            limit <= 0 || booked.Count < limit ? DateTimeOffset.MinValue : booked[booked.Count - limit] + window;

        /// <summary>Keeps the last <paramref name="limit"/> writes in order: all that the next slot depends on.</summary>
        private static void Book(List<DateTimeOffset> booked, DateTimeOffset at, int limit)
        {
            if (limit <= 0)
            {
                return;
            }
            if (booked.Count >= limit)
            {
                booked.RemoveRange(0, booked.Count - limit + 1);
            }
            var i = booked.Count;
            while (i > 0 && booked[i - 1] > at)
            {
                i--;
            }
            booked.Insert(i, at);
        }

        private void Prune(DateTimeOffset now)
        {
            Drop(_lastMinute, now - Minute);
            Drop(_lastHour, now - Hour);
        }

        private static void Drop(List<DateTimeOffset> booked, DateTimeOffset before)
        {
            var n = 0;
            while (n < booked.Count && booked[n] <= before)
            {
                n++;
            }
            if (n > 0)
            {
                booked.RemoveRange(0, n);
            }
        }

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }
}
