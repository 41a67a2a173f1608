{#- Asset disposals with the register id as a key (norm_code) and the method as text (norm_text). -#}
with disposals as (
    select * from {{ ref('stg_asset__disposal') }}
),

final as (
    select
        disposals.*,
        -- keys
        {{ norm_code('disposals.register_id') }} as register_key,
        {{ norm_text('disposals.method') }} as method_key
    from disposals
)

select * from final
