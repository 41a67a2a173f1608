import pytest

from jiandu.workbench.passwords import hash_password, verify_password


def test_scrypt_hash_is_salted_and_verifies_only_the_right_password():
    a, b = hash_password("correct-horse-42"), hash_password("correct-horse-42")
    assert a.startswith("scrypt$16384$8$1$") and a != b  # per-user salt
    assert verify_password("correct-horse-42", a) and verify_password("correct-horse-42", b)
    assert not verify_password("correct-horse-43", a)
    assert not verify_password("correct-horse-42", "md5$x") and not verify_password("x", "garbage")
    with pytest.raises(ValueError, match="密码至少"):
        hash_password("short")
