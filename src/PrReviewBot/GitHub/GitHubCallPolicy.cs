using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using PrReviewBot.Service;

namespace PrReviewBot.GitHub;

/// <summary>
/// Retries GitHub calls: jittered exponential back-off for timeouts, connection errors and 5xx; exactly the wait
/// GitHub asks for (Retry-After, x-ratelimit-reset) for rate limits, when it is short. A longer wait is not
/// spent holding a worker: the failure goes up and the job is rescheduled for when GitHub allows it.
/// Writes that create something (a comment) are retried only when GitHub certainly did not apply them.
/// Inside the retries sits one circuit breaker shared by every call: when GitHub is down, calls stop (jobs wait
/// for it) and one probe at a time finds out when it is back, instead of every job retrying into the outage.
/// </summary>
public sealed class GitHubCallPolicy
{
    private static readonly ResiliencePropertyKey<string> OperationKey = new("github.operation");
    private static readonly ResiliencePropertyKey<Action?> OnUnauthorizedKey = new("github.on-unauthorized");

    private readonly GitHubRetryOptions _options;
    private readonly GitHubCircuitBreakerOptions _breakerOptions;
    private readonly CircuitBreakerStateProvider _breakerState = new();
    private readonly TimeProvider _time;
    private readonly GitHubTraffic _traffic;
    private readonly GitHubRateBudget _budget;
    private readonly ILogger<GitHubCallPolicy> _log;
    private readonly ResiliencePipeline _idempotent;
    private readonly ResiliencePipeline _creating;

    public GitHubCallPolicy(IOptions<GitHubOptions> options, TimeProvider time, GitHubTraffic traffic, GitHubRateBudget budget, ILogger<GitHubCallPolicy> log)
    {
        _budget = budget;
        _options = options.Value.Retry;
        _breakerOptions = options.Value.CircuitBreaker;
        _time = time;
        _traffic = traffic;
        _log = log;
        var breaker = BuildBreaker();
        _idempotent = Build(idempotent: true, breaker);
        _creating = Build(idempotent: false, breaker);
    }

    /// <summary>Closed (calling GitHub), Open (waiting out an outage) or HalfOpen (a probe call is under way).</summary>
    public CircuitState Circuit => _breakerOptions.Enabled ? _breakerState.CircuitState : CircuitState.Closed;

    private ResiliencePipeline BuildBreaker()
    {
        var o = _breakerOptions;
        if (!o.Enabled)
        {
            return ResiliencePipeline.Empty;
        }
        return new ResiliencePipelineBuilder { TimeProvider = _time }.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = o.FailureRatio,
            MinimumThroughput = Math.Max(2, o.MinimumThroughput),
            SamplingDuration = o.SamplingDuration < TimeSpan.FromMilliseconds(500) ? TimeSpan.FromMilliseconds(500) : o.SamplingDuration,
            BreakDuration = o.BreakDuration < TimeSpan.FromMilliseconds(500) ? TimeSpan.FromMilliseconds(500) : o.BreakDuration,
            // Each failed probe doubles the pause: a long outage costs a handful of calls, not one per job.
            BreakDurationGenerator = args =>
            {
                var doubled = o.BreakDuration.TotalMilliseconds * Math.Pow(2, Math.Min(args.HalfOpenAttempts, 16));
                return ValueTask.FromResult(TimeSpan.FromMilliseconds(Math.Min(doubled, Math.Max(o.BreakDuration.TotalMilliseconds, o.MaxBreakDuration.TotalMilliseconds))));
            },
            StateProvider = _breakerState,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } e && !args.Context.CancellationToken.IsCancellationRequested && GitHubFaults.IsOutage(e)),
            OnOpened = args =>
            {
                _log.LogWarning("GitHub looks down ({Reason}): no calls for {BreakDuration}; work waits and resumes when a probe call succeeds",
                    args.Outcome.Exception is { } e ? GitHubFaults.Classify(e, _time.GetUtcNow()).Summary : "failing", args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                _log.LogInformation("GitHub answers again: calls resume");
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    /// <param name="idempotent">False for calls that create something: they are not repeated after an ambiguous failure.</param>
    /// <param name="onUnauthorized">Run once on a 401 before the single retry it earns (drops a cached token).</param>
    public async Task<T> RunAsync<T>(string operation, bool idempotent, Func<CancellationToken, Task<T>> call, CancellationToken ct, Action? onUnauthorized = null)
    {
        var context = ResilienceContextPool.Shared.Get(operation, ct);
        context.Properties.Set(OperationKey, operation);
        context.Properties.Set(OnUnauthorizedKey, onUnauthorized);
        try
        {
            var pipeline = idempotent ? _idempotent : _creating;
            return await pipeline.ExecuteAsync(static async (ctx, state) => await state(ctx.CancellationToken), context, call);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ResiliencePipeline Build(bool idempotent, ResiliencePipeline breaker)
    {
        var options = new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(0, _options.MaxAttempts),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.BaseDelay,
            MaxDelay = _options.MaxInProcessWait,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.AttemptNumber, args.Context, idempotent)),
            DelayGenerator = args => ValueTask.FromResult(ServerWait(args.Outcome.Exception)),
            OnRetry = args =>
            {
                var operation = args.Context.Properties.GetValue(OperationKey, "github call");
                var fault = args.Outcome.Exception is { } e ? GitHubFaults.Classify(e, _time.GetUtcNow()) : default;
                if (fault.Kind == FaultKind.Unauthorized)
                {
                    args.Context.Properties.GetValue(OnUnauthorizedKey, null)?.Invoke();
                }
                _log.LogWarning("GitHub {Operation} failed ({Reason}); retry {Attempt} in {Delay}",
                    operation, fault.Summary, args.AttemptNumber + 1, args.RetryDelay);
                _traffic.RecordRetry(new RetryScheduled(operation, args.AttemptNumber + 1, args.RetryDelay, fault.Summary ?? "unknown"));
                return ValueTask.CompletedTask;
            },
        };
        return new ResiliencePipelineBuilder { TimeProvider = _time }.AddRetry(options).AddPipeline(breaker).Build();
    }

    private bool ShouldRetry(Exception? e, int attempt, ResilienceContext context, bool idempotent)
    {
        if (e is null || context.CancellationToken.IsCancellationRequested || e is OperationCanceledException { CancellationToken.IsCancellationRequested: true })
        {
            return false;
        }
        if (e is GitHubAnswerUnreadableException)
        {
            // The call succeeded; repeating it would repeat a write.
            return false;
        }
        var fault = GitHubFaults.Classify(e, _time.GetUtcNow());
        if (fault is { Kind: FaultKind.RateLimited, Wait: { } limitWait } && e is not RateBudgetSpentException)
        {
            // A limit holds for the whole installation: its other calls wait too, instead of each finding out by a refusal.
            _budget.Pause(GitHubCallScope.CurrentInstallation, limitWait, fault.Summary);
        }
        return fault.Kind switch
        {
            FaultKind.RateLimited => fault.Wait is { } wait && wait <= _options.MaxInProcessWait,
            FaultKind.Transient => idempotent && (fault.Wait is not { } w || w <= _options.MaxInProcessWait),
            FaultKind.Unauthorized => attempt == 0 && context.Properties.GetValue(OnUnauthorizedKey, null) is not null,
            _ => false,
        };
    }

    private TimeSpan? ServerWait(Exception? e)
    {
        if (e is null)
        {
            return null;
        }
        var fault = GitHubFaults.Classify(e, _time.GetUtcNow());
        return fault.Kind switch
        {
            FaultKind.Unauthorized => TimeSpan.Zero,
            _ => fault.Wait,
        };
    }
}
