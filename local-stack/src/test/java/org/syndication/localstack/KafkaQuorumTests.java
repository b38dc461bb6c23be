package org.syndication.localstack;

import java.util.List;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaQuorumTests {

	@Test
	void threeNodesAreFormattedAlikeAsOneQuorumOfThreeVoters() {
		Uuid first = Uuid.randomUuid();
		Uuid second = Uuid.randomUuid();
		Uuid third = Uuid.randomUuid();
		KafkaQuorum quorum = new KafkaQuorum("cluster-a", List.of(new KafkaQuorum.Member(1, 19101, 19102, first),
				new KafkaQuorum.Member(2, 19201, 19202, second), new KafkaQuorum.Member(3, 19301, 19302, third)));

		assertThat(quorum.formatArguments()).containsExactly("--cluster-id", "cluster-a", "--initial-controllers",
				"1@127.0.0.1:19102:" + first + ",2@127.0.0.1:19202:" + second + ",3@127.0.0.1:19302:" + third);
		assertThat(quorum.controllerBootstrapServers()).isEqualTo("127.0.0.1:19102,127.0.0.1:19202,127.0.0.1:19302");
		assertThat(quorum.bootstrapServers()).isEqualTo("127.0.0.1:19101,127.0.0.1:19201,127.0.0.1:19301");
		assertThat(quorum.replicationFactor()).isEqualTo(3);
		assertThat(quorum.minInsyncReplicas()).isEqualTo(2);
	}

	@Test
	void aLoneNodeIsTheOnlyVoterAndKeepsOneReplica() {
		KafkaQuorum quorum = KafkaQuorum.standalone(19101, 19102);

		assertThat(quorum.formatArguments()).containsExactly("--cluster-id", quorum.clusterId(), "--standalone");
		assertThat(quorum.member(1).bootstrapServer()).isEqualTo("127.0.0.1:19101");
		assertThat(quorum.replicationFactor()).isEqualTo(1);
		assertThat(quorum.minInsyncReplicas()).isEqualTo(1);
	}

	@Test
	void moreNodesThanThreeStillReplicateThreeTimes() {
		List<KafkaQuorum.Member> five = List.of(1, 2, 3, 4, 5)
			.stream()
			.map((id) -> new KafkaQuorum.Member(id, 19000 + 2 * id, 19001 + 2 * id, Uuid.randomUuid()))
			.toList();

		KafkaQuorum quorum = KafkaQuorum.withNewClusterId(five);

		assertThat(quorum.replicationFactor()).isEqualTo(3);
		assertThat(quorum.minInsyncReplicas()).isEqualTo(2);
	}

}
