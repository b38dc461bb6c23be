package org.syndication.notifier.bounce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BounceReportsTests {

	private static final String RETURN_PATH = "bounces+42-abcdefghijklmnop@news.example.com";

	@Test
	void aFailureWithAPermanentStatusIsPermanentAndNamesWhereItWasSent() throws Exception {
		BounceReport report = BounceReports
			.read(Reports.parse(Reports.deliveryStatus(RETURN_PATH, "gone@example.net", "failed", "5.1.1")));

		assertThat(report).isEqualTo(new BounceReport.Failure(true, "5.1.1", "gone@example.net",
				java.util.List.of(RETURN_PATH, RETURN_PATH, "<" + RETURN_PATH + ">")));
	}

	@Test
	void aDelayOrAFailureWithATemporaryStatusIsTemporary() throws Exception {
		assertThat(BounceReports
			.read(Reports.parse(Reports.deliveryStatus(RETURN_PATH, "full@example.net", "delayed", "4.2.2"))))
			.isInstanceOfSatisfying(BounceReport.Failure.class, (failure) -> {
				assertThat(failure.permanent()).isFalse();
				assertThat(failure.status()).isEqualTo("4.2.2");
			});
		assertThat(BounceReports
			.read(Reports.parse(Reports.deliveryStatus(RETURN_PATH, "slow@example.net", "failed", "4.4.7"))))
			.isInstanceOfSatisfying(BounceReport.Failure.class, (failure) -> assertThat(failure.permanent()).isFalse());
	}

	@Test
	void aReportOfDeliveryAsksForNothing() throws Exception {
		assertThat(BounceReports
			.read(Reports.parse(Reports.deliveryStatus(RETURN_PATH, "reader@example.net", "delivered", "2.0.0"))))
			.isInstanceOf(BounceReport.NothingToDo.class);
	}

	@Test
	void anAbuseReportIsAComplaintThatFindsTheReturnPathInTheQuotedMail() throws Exception {
		BounceReport report = BounceReports
			.read(Reports.parse(Reports.complaint(RETURN_PATH, "angry@example.org", "abuse")));

		assertThat(report).isInstanceOfSatisfying(BounceReport.Complaint.class, (complaint) -> {
			assertThat(complaint.feedbackType()).isEqualTo("abuse");
			assertThat(complaint.recipient()).isEqualTo("<angry@example.org>");
			assertThat(complaint.returnPathCandidates()).contains("<" + RETURN_PATH + ">")
				.doesNotContain(RETURN_PATH.replace("bounces+", "abuse+"));
		});
	}

	@Test
	void aNotSpamReportAsksForNothing() throws Exception {
		assertThat(BounceReports.read(Reports.parse(Reports.complaint(RETURN_PATH, "happy@example.org", "not-spam"))))
			.isInstanceOf(BounceReport.NothingToDo.class);
	}

	@Test
	void anAutoReplyOrAReportCutShortIsUnreadableAndThrowsNothing() throws Exception {
		assertThat(BounceReports.read(Reports.parse(Reports.autoReply(RETURN_PATH))))
			.isInstanceOf(BounceReport.Unreadable.class);
		assertThat(BounceReports.read(Reports.parse(Reports.truncated(RETURN_PATH))))
			.isInstanceOf(BounceReport.Unreadable.class);
		assertThat(BounceReports.read(Reports.parse("Content-Type: multipart/report\r\n\r\nno boundary at all")))
			.isInstanceOf(BounceReport.Unreadable.class);
		assertThat(BounceReports.read(Reports.parse("\u0000\u0001 not a mail")))
			.isInstanceOf(BounceReport.Unreadable.class);
	}

}
