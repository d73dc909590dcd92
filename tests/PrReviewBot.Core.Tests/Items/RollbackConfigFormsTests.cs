using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

/// <summary>
/// Switches written as configuration terms other than "key = value" (an Erlang tuple, an object literal), switches
/// whose name says they turn something off, and the cues of turning off and falling back in Russian.
/// </summary>
public class RollbackConfigFormsTests
{
    [Theory]
    // an Erlang/Elixir config term names its setting first
    [InlineData("## Rollback\n\nDelete the entry (or put `{flush_batch_size, 64}` in `advanced.config`) and the writer goes back to the small batches it used before.")]
    // an object literal in a code span, after a wish for the old state
    [InlineData("Teams that want the previous output can set it by hand: `bundle: { minify: 'terser', level: 3 }`. Bundles are then built by the old minifier again.")]
    // a switch whose name says it turns the change off, set to on, and the state before the change as the behaviour
    [InlineData("Setting `APP_NO_WARM_CACHE=1` gives you the behaviour before this change, cold cache and all.")]
    [InlineData("If the warm-up misbehaves, export `SKIP_PRELOAD=true`; the service then starts cold, the way it did until now.")]
    // Russian: how to turn it off introduces a config block, what happens then follows it
    [InlineData("Предзагрузку можно отключить в файле настроек:\n\n```yaml\ndisable_preload: true\n```\n\nТогда страницы читаются с диска напрямую, как раньше.")]
    // a config directive and its value in one code span, put back
    [InlineData("## Rollback\n\nPut `worker-reuse never` back in the generated pool config. Each job then starts in a fresh worker, which is the old behaviour.")]
    // Chinese: remove the assignment to get the old behaviour back
    [InlineData("线程数是通过环境变量设置的：如果要回到原来的行为，去掉 `POOL_THREADS=64`，服务就恢复单线程处理。")]
    // a name the text calls a preference, turned off, and how the off state compares
    [InlineData("GlyphCache is still a preference for now: turning it off renders every glyph from the font each frame, which is sharper but isn't as fast.")]
    public void ConfigTermsInvertedSwitchesAndRussianCues_AreRollbacks(string body) =>
        Assert.True(Review.Present(body, ItemKind.Rollback), string.Join(" | ", Review.Item(body, ItemKind.Rollback).Messages));

    [Theory]
    // "feature-disabling": the verb glued to a noun names what the options do; nobody is told to turn the change off
    [InlineData("The feature-disabling options `reports_disabled` and `export_disabled` are now read before the modules load. When those modules are not in use this skips a lot of start-up work.")]
    // a tuple that is not in a sentence about a switch
    [InlineData("The handler now returns `{ok, cached_value}` straight from the table, as before.")]
    // a preference named, but nothing says how to turn it off
    [InlineData("GlyphCache is a user preference now; the old renderer is not as fast.")]
    public void NotARollback(string body) =>
        Assert.False(Review.Present(body, ItemKind.Rollback));
}
