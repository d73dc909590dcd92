using Microsoft.Extensions.Logging;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// Keeps a running job's lease alive (renewing every <see cref="QueueOptions.LeaseRenewal"/>, at most a third of its length), so a slow evaluation is never taken for
/// an abandoned one by another replica. If the lease is lost anyway (this process stalled past it and another
/// worker took the subject), <see cref="Token"/> is cancelled: the run stops rather than work beside the new owner.
/// </summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile bool _settled;

    private LeaseKeeper(IWorkStore store, LeasedJob job, TimeSpan leaseFor, TimeSpan renewEvery, TimeProvider time, ILogger log, CancellationToken stopping)
    {
        _lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _loop = RenewAsync(store, job, leaseFor, renewEvery, time, log);
    }

    /// <summary>Cancelled at shutdown or when the lease is lost.</summary>
    public CancellationToken Token => _lost.Token;

    public static LeaseKeeper Start(IWorkStore store, LeasedJob job, TimeSpan leaseFor, TimeSpan renewEvery, TimeProvider time, ILogger log, CancellationToken stopping) =>
        new(store, job, leaseFor, renewEvery, time, log, stopping);

    private async Task RenewAsync(IWorkStore store, LeasedJob job, TimeSpan leaseFor, TimeSpan every, TimeProvider time, ILogger log)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, _stop.Token);
                if (!await store.RenewLeaseAsync(job, leaseFor, _stop.Token) && !_settled)
                {
                    log.LogWarning("The lease on {Subject} ran out and another worker holds it now; stopping this run", job.Subject);
                    await _lost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store is briefly unreachable: keep going; the lease lasts at least three renewals.
                log.LogWarning(e, "Could not renew the lease on {Subject}; trying again", job.Subject);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _settled = true;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _lost.Dispose();
    }
}
