package io.camfleet.sharing.custody;

import java.util.List;

/**
 * Where the custody API finds copies (live, expired and blocked): across the whole application, or
 * in this instance only.
 */
public interface CopySource {

  /** Every copy of the clip, under every policy, wherever it is kept. */
  List<CopyView> clipCopies(String clipId);

  /** Every copy the holder has had, under every policy, wherever it is kept. */
  List<CopyView> holderCopies(String holderId);

  /** The copies of the clip kept by this instance. */
  List<CopyView> localClipCopies(String clipId);

  /** The copies of the holder kept by this instance. */
  List<CopyView> localHolderCopies(String holderId);

  /**
   * The copies cannot be read now (the application is rebalancing, or an instance does not answer).
   */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
