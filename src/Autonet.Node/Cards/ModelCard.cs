// A round's model card in Hugging Face's conventions (huggingface.co/docs/hub/model-cards): README.md opening with YAML
// front matter (license, library_name, tags, base_model, model-index with the round's metrics) and a config.json of the
// architecture (hidden_size, num_hidden_layers, … as transformers names them, plus Autonet's own fields). Built only
// from what the chain and the aggregate already say, so anyone can rebuild it byte for byte and compare.
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autonet.Core.Ids;
using Autonet.Models.Jepa;

namespace Autonet.Node.Cards;

/// <summary>The model card of one published round.</summary>
public sealed record ModelCard(
    ulong ProjectId, ulong? Round, ulong TaskId, ContentId Model, Hash32 MerkleRoot, ContentId Parent, JepaConfig Config,
    string AggregationRule, IReadOnlyList<CardContributor> Contributors)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>README.md: YAML front matter, then a short human description.</summary>
    public string Readme()
    {
        var included = Contributors.Where(c => c.Included).ToList();
        var meanScore = included.Count == 0 ? 0 : included.Average(c => c.Score);
        var round = Round?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
        var name = $"autonet-project-{ProjectId}-round-{round}";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            ---
            license: mit
            library_name: autonet
            pipeline_tag: feature-extraction
            tags:
            - jepa
            - {ModelManifest.ArchitectureOf(Config.Modality)}
            - autonet
            base_model: {Parent}
            autonet:
              project: {ProjectId}
              round: {round}
              task: {TaskId}
              model_cid: {Model}
              merkle_root: "{MerkleRoot}"
              aggregation: {AggregationRule}
              contributors:

            """);
        foreach (var c in Contributors)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - solver: \"{c.Solver}\"\n    score: {c.Score:0.####}\n    included: {(c.Included ? "true" : "false")}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"""
            model-index:
            - name: {name}
              results:
              - task:
                  type: feature-extraction
                metrics:
                - type: consensus_improvement
                  name: mean consensus score of included updates (0..1)
                  value: {meanScore:0.####}
                - type: contributors
                  value: {included.Count}
            ---

            # {name}

            The global {ModelManifest.ArchitectureOf(Config.Modality)} model of Autonet project {ProjectId} after round {round} (task {TaskId}):
            the parent model `{Parent}` plus the {AggregationRule} of {included.Count} accepted solver updates, weighted by their
            consensus scores. Weights: `{Model}` (safetensors), shard Merkle root `{MerkleRoot}` on chain.
            Serve it with `autonet serve --project {ProjectId}`; `config.json` beside this file gives the architecture.

            | solver | consensus score | in the aggregate |
            | --- | --- | --- |

            """);
        foreach (var c in Contributors)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{c.Solver}` | {c.Score:0.####} | {(c.Included ? "yes" : "no: " + c.Note)} |\n");
        }
        return text.ToString();
    }

    /// <summary>config.json: transformers' names for the encoder's shape, Autonet's for the rest.</summary>
    public string ConfigJson()
    {
        var k = KVectorShape.Of(Config);
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray(Config.Modality == Modality.Text ? "AutonetTextJepa" : "AutonetImageJepa"),
            ["model_type"] = ModelManifest.ArchitectureOf(Config.Modality),
            ["hidden_size"] = Config.Width,
            ["num_hidden_layers"] = Config.Depth,
            ["num_attention_heads"] = Config.Heads,
            ["intermediate_size"] = (int)(Config.Width * Config.MlpRatio),
            ["predictor_hidden_size"] = Config.PredictorWidth,
            ["predictor_num_hidden_layers"] = Config.PredictorDepth,
            ["predictor_num_attention_heads"] = Config.PredictorHeads,
            ["k_vectors"] = new JsonObject { ["k"] = k.K, ["d"] = k.D },
            ["autonet_project"] = ProjectId,
            ["autonet_round"] = Round,
            ["autonet_task"] = TaskId,
        };
        if (Config.Modality == Modality.Text)
        {
            config["vocab_size"] = Config.Vocab;
            config["max_position_embeddings"] = Config.MaxTokens;
        }
        else
        {
            config["image_size"] = Config.ImageSize;
            config["patch_size"] = Config.PatchSize;
            config["num_channels"] = Config.InChannels;
        }
        return config.ToJsonString(Indented) + "\n";
    }
}
