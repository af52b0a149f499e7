package dev.conduit.adapter.jobs.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pusher takes one answer about each large file it announced, with no more chunk hashes than the file has. */
class ResumeOffsetsTest {

    private static Frame answer(int seq, long offset, int hashes) throws Exception {
        List<byte[]> basis = Collections.nCopies(hashes, new byte[32]);
        return Frame.of(Frame.Type.RESUME_AT, 1, out -> ResumeOffsets.write(out, seq, offset, basis));
    }

    @Test
    void theAnswerAboutAnAnnouncedFileIsTakenOnce() throws Exception {
        ResumeOffsets resumes = new ResumeOffsets();
        resumes.expect(7, 9L << 20); // 36 chunks
        resumes.answer(answer(7, 1 << 20, 36));
        ResumeOffsets.Resume resume = resumes.await(7);
        assertThat(resume.offset()).isEqualTo(1 << 20);
        assertThat(resume.basis()).hasSize(36);
        assertThatThrownBy(() -> resumes.answer(answer(7, 0, 0)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("not announced or was answered");
    }

    @Test
    void anAnswerAboutNoAnnouncedFileOrWithMoreHashesThanItsChunksIsRefused() throws Exception {
        ResumeOffsets resumes = new ResumeOffsets();
        assertThatThrownBy(() -> resumes.answer(answer(3, 0, 0))).isInstanceOf(ProtocolException.class);
        resumes.expect(4, (9L << 20) + 1); // 37 chunks, the last of one byte
        assertThatThrownBy(() -> resumes.answer(answer(4, 0, 38)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("at most 37");
    }

    @Test
    void anExchangeThatEndedAnswersEveryWaitWithNoOffset() throws Exception {
        ResumeOffsets resumes = new ResumeOffsets();
        resumes.expect(1, 9L << 20);
        resumes.end();
        assertThat(resumes.await(1).offset()).isEqualTo(-1);
    }
}
