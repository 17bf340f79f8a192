/**
 * A compatibility shim for kafkajs against clusters that report a controller id that is not one
 * of their brokers (librdkafka's mock cluster reports controller 0; its brokers are 1..N).
 * kafkajs sends the idempotent producer's InitProducerId to the controller, but for a
 * non-transactional producer any broker may answer it (KIP-98), so when the controller cannot be
 * found this falls back to the first known broker. Against a real cluster the controller is
 * always found and nothing changes. Admin calls that need the real controller (createTopics)
 * still fail against the mock, and callers handle that.
 */
// @ts-expect-error kafkajs ships no types for its internal modules
import Cluster from 'kafkajs/src/cluster/index.js';

interface ClusterLike {
  brokerPool: { metadata?: { brokers?: Array<{ nodeId: number }> } };
  findBroker(arg: { nodeId: number }): Promise<unknown>;
}

let applied = false;

export function applyControllerShim(): void {
  if (applied) return;
  applied = true;
  const proto = (Cluster as { prototype: Record<string, unknown> }).prototype;
  const original = proto.findControllerBroker as (this: ClusterLike) => Promise<unknown>;
  proto.findControllerBroker = async function findControllerBroker(this: ClusterLike): Promise<unknown> {
    try {
      return await original.call(this);
    } catch (e) {
      const first = this.brokerPool.metadata?.brokers?.[0];
      if ((e as Error).name !== 'KafkaJSBrokerNotFound' || first === undefined) throw e;
      return this.findBroker({ nodeId: first.nodeId });
    }
  };
}
