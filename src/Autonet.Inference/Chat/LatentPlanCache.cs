// The conversations' latent plans (seed 001: "Local decoder generates tokens … from cached latent plans"). A
// conversation is named by the SHA-256 of its first message; its entry holds the context ids its plan was computed
// from and the plan. A plan is reused while the context the encoder would see has gained at most RefreshBytes bytes
// since; beyond that it is refreshed. Least recently used entries go first past Capacity.
using System.Security.Cryptography;
using Autonet.Inference.Encoders;

namespace Autonet.Inference.Chat;

/// <summary>A bounded, thread-safe map from conversation to its latest plan.</summary>
public sealed class LatentPlanCache(int capacity = 1024)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    /// <summary>The conversation key: hex SHA-256 of the first message's role and content.</summary>
    public static string KeyOf(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var first = messages[0];
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(first.Role + "\n" + first.Content)));
    }

    /// <summary>The cached plan and the context it was made from; null when the conversation has none.</summary>
    public (int[] Context, float[] Plan)? Find(string key)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(key, out var node))
            {
                return null;
            }
            _order.Remove(node);
            _order.AddFirst(node);
            return (node.Value.Context, node.Value.Plan);
        }
    }

    public void Store(string key, int[] context, float[] plan)
    {
        lock (_lock)
        {
            if (_byKey.Remove(key, out var old))
            {
                _order.Remove(old);
            }
            _byKey[key] = _order.AddFirst(new Entry(key, context, plan));
            while (_byKey.Count > capacity)
            {
                _byKey.Remove(_order.Last!.Value.Key); // Count > capacity >= 0, so the list is not empty
                _order.RemoveLast();
            }
        }
    }

    /// <summary>
    /// Bytes of <paramref name="context"/>'s last <paramref name="window"/> ids that the cached context's window did not
    /// hold: 0 when unchanged, the appended length when the new context extends the cached one, else the whole window.
    /// </summary>
    public static int Change(ReadOnlySpan<int> cached, ReadOnlySpan<int> context, int window)
    {
        var common = 0;
        while (common < cached.Length && common < context.Length && cached[common] == context[common])
        {
            common++;
        }
        var visible = Math.Min(window, context.Length);
        return common < cached.Length ? visible : Math.Min(visible, context.Length - common);
    }

    private sealed record Entry(string Key, int[] Context, float[] Plan);
}
